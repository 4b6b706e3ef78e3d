import Foundation
import GRDB
import GongshiIndex
import GongshiStore
import GongshiTestSupport
import Testing

@testable import GongshiAnswers

/// The learned Q&A: a tiny corpus of pairs (`Fixtures/qa-learning`) and the fixture copy of the bundled corpus,
/// indexed and trained as `gongshi index` does.
@Suite struct LearnedAnswerTests {
    static let fixture = ProjectPaths.fixtures("GongshiAnswersTests").appendingPathComponent("qa-learning")

    /// Indexes `corpus` into a fresh database and trains the model on it.
    static func trained(_ corpus: URL) throws -> (GongshiDatabase, IndexSummary) {
        let path = Scratch.directory.appendingPathComponent("learned-\(UUID().uuidString).sqlite").path
        let database = try GongshiDatabase(path: path)
        let summary = try Indexer(corpus: corpus, database: database).run()
        try AnswerTrainer(database: database).train()
        return (database, summary)
    }

    /// The fixture without its pairs: the same articles, nothing learned.
    static func unlearnedCorpus() throws -> URL {
        let copy = Scratch.directory.appendingPathComponent("unlearned-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: fixture.appendingPathComponent("policies"), to: copy.appendingPathComponent("policies"))
        return copy
    }

    static let bundled: Result<GongshiDatabase, any Error> = Result {
        try trained(ProjectPaths.fixtureCorpus).0
    }

    static func rank(of label: String, in response: AnswerResponse) -> Int? {
        response.answers.firstIndex { $0.document.title == "民间借贷示例办法" && $0.article?.label == label }.map { $0 + 1 }
    }

    /// A question no pair contains: 欠钱 appears in pairs, never in an article.
    static let paraphrase = "欠钱好久了怎么要回来"

    @Test func learningIsDeterministicAndMovesThePairedArticleUp() throws {
        let (first, summary) = try Self.trained(Self.fixture)
        #expect(summary.written["qa_pair"] == 5)
        let blob = try #require(try first.pool.read { try $0.qaModel(named: AnswerModel.name) })
        try AnswerTrainer(database: first).train()
        let again = try #require(try first.pool.read { try $0.qaModel(named: AnswerModel.name) })
        #expect(blob == again, "the same index and pairs give the same model, byte for byte")
        let (second, _) = try Self.trained(Self.fixture)
        #expect(try second.pool.read { try $0.qaModel(named: AnswerModel.name) } == blob, "and so does a fresh index")

        let (unlearned, _) = try Self.trained(Self.unlearnedCorpus())
        let before = Self.rank(of: "第二条", in: try AnswerEngine(database: unlearned).answer(Self.paraphrase, limit: 10))
        let after = Self.rank(of: "第二条", in: try AnswerEngine(database: first).answer(Self.paraphrase, limit: 10))
        #expect(before == nil || before! > 1)
        #expect(after == 1)
    }

    @Test func matchedReportsALearnedBridge() throws {
        let (database, _) = try Self.trained(Self.fixture)
        let response = try AnswerEngine(database: database).answer(Self.paraphrase, limit: 3)
        let first = try #require(response.answers.first)
        let bridge = try #require(first.matched.first { $0.isBridge })
        #expect(bridge.question == "欠钱")
        #expect(bridge.article == "借款", "the likeliest translation of 欠钱 in these pairs")
        #expect(bridge.weight > 0 && bridge.weight < 1)
        // In the API contract too: ContractTests.learnedBridgesAreInTheAnswerContract.
    }

    @Test(arguments: ["慈善法第十条", "社会团体登记管理条例 第十条", "社团条例10条", "《基金会管理条例》第8条"])
    func articleNamedByTitleAndNumberComesFirst(question: String) throws {
        let response = try AnswerEngine(database: Self.bundled.get()).answer(question, limit: 5)
        let first = try #require(response.answers.first)
        let expected = question.contains("慈善") ? "中华人民共和国慈善法" : question.contains("基金会") ? "基金会管理条例" : "社会团体登记管理条例"
        #expect(first.document.title == expected)
        #expect(first.article?.number == (question.contains("8") ? 8 : 10))
        #expect(response.confidence == .high)
    }

    /// Everyday wording of the issue, in no pair: 协会 is a 社会团体 (vocabulary), 多少钱 asks for an
    /// amount, 哪些材料 for the list of documents to submit.
    @Test(arguments: [("成立协会要多少钱", 10), ("办社团需要哪些材料", 11)])
    func everydayQuestionsFindTheRegistrationArticles(question: String, number: Int) throws {
        let response = try AnswerEngine(database: Self.bundled.get()).answer(question)
        let first = try #require(response.answers.first)
        #expect(first.document.title == "社会团体登记管理条例")
        #expect(first.article?.number == number)
        #expect(!response.faq.contains { $0.question.contains("基金会") || $0.question.contains("年检") }, "no FAQ about something else")
    }

    @Test func noPlaceholderContactIsShown() throws {
        let (database, summary) = try Self.trained(Self.fixture)
        #expect(summary.warnings.contains { $0.contains("service-center.yaml") }, "the operator is told")
        let response = try AnswerEngine(database: database).answer("火星上的天气怎么样")
        #expect(response.confidence == .low)
        #expect(response.serviceCenter == nil)
        let notice = try #require(response.notice)
        #expect(!notice.contains("电话"))
        #expect(notice.rangeOfCharacter(from: .decimalDigits) == nil, "no number is invented")
        // The bundled contact has no phone or address set: none is shown, none is made up.
        let bundled = try AnswerEngine(database: Self.bundled.get()).answer("火星上的天气怎么样")
        #expect(bundled.serviceCenter?.phone == nil)
        #expect(!(bundled.notice ?? "").contains("示例"))
    }

    @Test func answerTypesOfQuestionsAndUnits() {
        #expect(AnswerType.ofQuestion("成立协会要多少钱").contains(.amount))
        #expect(AnswerType.ofQuestion("登记审批要多长时间").contains(.timeLimit))
        #expect(AnswerType.ofQuestion("办社团需要哪些材料").contains(.materials))
        #expect(AnswerType.ofQuestion("什么是慈善信托").contains(.definition))
        #expect(AnswerType.ofUnit("登记管理机关应当自收到全部有效文件之日起60日内，作出准予或者不准予登记的决定。").contains(.timeLimit))
        #expect(AnswerType.ofUnit("有合法的资产和经费来源，全国性的社会团体有10万元以上活动资金").contains(.amount))
        #expect(!AnswerType.ofUnit("本办法自发布之日施行。").contains(.penalty))
    }

    @Test func badPairLinesAreReportedAndTheRestKept() {
        let text = """
            {"id": "A1", "q": "欠钱怎么办", "relevant": [{"title": "民间借贷示例办法", "article": 2}]}
            not json
            {"id": "A3", "q": "", "relevant": [{"title": "民间借贷示例办法", "article": 2}]}
            {"id": "A4", "q": "问", "relevant": []}
            {"id": "A5", "q": "政策里说了什么", "relevant": [{"title": "某政策", "contains": "第一"}]}
            """
        let (pairs, problems) = QAPairParser.parse(text, file: "qa-pairs/x.jsonl")
        #expect(pairs.map(\.pair.id) == ["A1"])
        #expect(problems.map(\.line) == [2, 3, 4])
        #expect(problems.first?.description.hasPrefix("qa-pairs/x.jsonl:2:") == true)
    }

    @Test func theModelSurvivesItsStorageAndRejectsDamage() throws {
        let (database, _) = try Self.trained(Self.fixture)
        let blob = try #require(try database.pool.read { try $0.qaModel(named: AnswerModel.name) })
        let model = try #require(AnswerModel.decode(blob))
        #expect(model.encoded() == blob)
        #expect(AnswerModel.decode(blob.prefix(blob.count / 2)) == nil)
    }

    /// A question worded like a learned one (L2: 欠钱要不要写借条 -> 第三条) votes for that pair's
    /// article; one like no learned question votes for nothing.
    @Test func closeLearnedQuestionsVoteForTheirArticles() throws {
        let (database, _) = try Self.trained(Self.fixture)
        let model = try #require(try database.pool.read { try $0.qaModel(named: AnswerModel.name) }.flatMap(AnswerModel.decode))
        #expect(model.pairCount == 5)
        let terms = QATerms(tokenizer: try ChineseTokenizer())
        let votes = model.neighbours(model.query(terms.terms("借条要不要写"), extra: []))
        let article3 = try #require(
            try database.pool.read { db in
                try Int64.fetchOne(db, sql: "SELECT u.id FROM unit u JOIN document d ON d.id = u.document_id WHERE d.title = '民间借贷示例办法' AND u.number = 3")
            }.flatMap { model.unitIndex[$0] })
        let best = try #require(votes.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key })
        #expect(best.key == article3)
        #expect(model.neighbours(model.query(terms.terms("邻里纠纷如何协商"), extra: [])).isEmpty)
        // And the ranking puts it first for that question.
        let response = try AnswerEngine(database: database).answer("借条要不要写", limit: 3)
        #expect(response.answers.first?.article?.number == 3)
    }

    @Test func splitRuleIsTheIdNumberModuloFive() {
        #expect(AnswerEvaluation.isReporting(id: "T0"))
        #expect(AnswerEvaluation.isReporting(id: "T125"))
        #expect(!AnswerEvaluation.isReporting(id: "T2"))
        #expect(!AnswerEvaluation.isReporting(id: "D07"))
        #expect(AnswerEvaluation.isReporting(id: "D10"))
    }
}
