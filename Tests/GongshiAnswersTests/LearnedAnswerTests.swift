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
    /// `corpus` indexed and learned, with `weights` fixed instead of chosen on held-aside pairs.
    static func trained(_ corpus: URL, weights: [String: Float] = [:]) throws -> (GongshiDatabase, IndexSummary) {
        let path = Scratch.directory.appendingPathComponent("learned-\(UUID().uuidString).sqlite").path
        let database = try GongshiDatabase(path: path)
        let summary = try Indexer(corpus: corpus, database: database).run()
        var trainer = AnswerTrainer(database: database)
        trainer.weights = weights
        try trainer.train()
        return (database, summary)
    }

    /// An engine over `corpus` learned with `weights`, and the model it learned.
    static func engine(_ corpus: URL, weights: [String: Float]) throws -> (AnswerEngine, AnswerModel) {
        let (database, _) = try trained(corpus, weights: weights)
        let model = try #require(try database.pool.read { try $0.qaModel(named: AnswerModel.name) }.flatMap(AnswerModel.decode))
        return (try AnswerEngine(database: database), model)
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
    @Test(arguments: [("成立协会要多少钱", 10), ("办社团需要哪些材料", 11), ("成立协会需要什么条件", 10)])
    func everydayQuestionsFindTheRegistrationArticles(question: String, number: Int) throws {
        let response = try AnswerEngine(database: Self.bundled.get()).answer(question)
        let first = try #require(response.answers.first)
        #expect(first.document.title == "社会团体登记管理条例")
        #expect(first.article?.number == number)
        #expect(!response.faq.contains { $0.question.contains("基金会") || $0.question.contains("年检") }, "no FAQ about something else")
    }

    /// 登记审批要多长时间 names no kind of organization: the article written for none in particular,
    /// 《社会团体登记管理条例》第十二条 (登记管理机关… 60日内作出准予或者不予登记的决定), comes first; 《慈善法》第十条
    /// (设立慈善组织 … 三十日内作出决定) answers it for 慈善组织 only and follows in the first few. Not 第二十一条
    /// (the 15 days to deregister) first.
    @Test func registrationTimeQuestionFindsTheDecisionTimeLimits() throws {
        let response = try AnswerEngine(database: Self.bundled.get()).answer("登记审批要多长时间")
        let keys = response.answers.map { "\($0.document.title)#\($0.article?.number ?? 0)" }
        #expect(keys.first == "社会团体登记管理条例#12")
        #expect(keys.prefix(3).contains("中华人民共和国慈善法#10"))
    }

    static let subjectFixture = ProjectPaths.fixtures("GongshiAnswersTests").appendingPathComponent("qa-subjects")

    /// Subject agreement on a tiny corpus: 慈善 and 团体 are subjects (title words used mostly in
    /// their own document), 登记 is not (used more in the other one). Asked with no subject, the
    /// article written for none (登记管理机关 … 六十日内) comes first, though without the subject
    /// weight the 慈善组织 article, shorter and saying 登记 twice, wins; naming 慈善 brings the 慈善 articles back first.
    @Test func aQuestionNamingNoSubjectPrefersTheGeneralArticle() throws {
        func engine(subject: Float) throws -> (AnswerEngine, AnswerModel) { try Self.engine(Self.subjectFixture, weights: ["subject": subject]) }
        func first(_ engine: AnswerEngine, _ question: String) throws -> String? {
            try engine.answer(question, limit: 3).answers.first.map { "\($0.document.title)#\($0.article?.number ?? 0)" }
        }
        let (weighted, model) = try engine(subject: 0.1)
        let subjects = Set(model.subjects.map { model.terms[Int($0)] })
        #expect(subjects.isSuperset(of: ["慈善", "团体"]))
        #expect(!subjects.contains("登记") && !subjects.contains("办法") && !subjects.contains("示例"))
        let (unweighted, _) = try engine(subject: 0)
        #expect(try first(unweighted, "登记审批要多长时间") == "示例慈善组织管理办法#2", "BM25 alone prefers the 慈善 article")
        #expect(try first(weighted, "登记审批要多长时间") == "示例社会团体登记办法#3")
        #expect(try first(weighted, "慈善组织登记审批要多长时间")?.hasPrefix("示例慈善组织管理办法#") == true)
        #expect(try first(weighted, "慈善登记审批要多长时间")?.hasPrefix("示例慈善组织管理办法#") == true, "慈善 names the subject too")
    }

    static let topicFixture = ProjectPaths.fixtures("GongshiAnswersTests").appendingPathComponent("qa-topics")

    /// Topics on a tiny corpus: the learned pairs ask about 清算 and 变更, words of the opening sentences of
    /// 第三条 (协会应当自清算结束之日起十五日内办理注销登记) and 第四条 (…变更名称…); 登记 and 协会, in a quarter or more
    /// of the document's units, are its generic vocabulary, not topics. `登记要多久` covers neither article's
    /// topic, so both are scored down and the article it is about (…六十日内，作出准予或者不予登记的决定) comes first;
    /// a question that asks about 清算 is not scored down for 第三条.
    @Test func aQuestionNotAskingAnArticlesTopicPrefersAnother() throws {
        func engine(topic: Float) throws -> (AnswerEngine, AnswerModel) { try Self.engine(Self.topicFixture, weights: ["topic": topic]) }
        func first(_ engine: AnswerEngine, _ question: String) throws -> Int? {
            try engine.answer(question, limit: 3).answers.first?.article?.number
        }
        // Tiny corpus, large gap in BM25 and priors: a weight far above the chosen 0.05 shows the mechanism.
        let (weighted, model) = try engine(topic: 1)
        let topics = Set(model.unitTopics.map { model.terms[Int($0)] })
        #expect(topics.isSuperset(of: ["清算", "变更"]))
        #expect(!topics.contains("登记") && !topics.contains("协会"), "generic in their document")
        let units = model.unitIds.indices
        func unit(_ article: Int) throws -> Int {
            try #require(units.first { model.topics(of: $0).contains { model.terms[Int($0)] == (article == 3 ? "清算" : "准予") } })
        }
        // 多久 reaches 日内 through the curated vocabulary, as in the engine.
        let bridge: [(question: String, article: String, weight: Float)] = [("多久", "日内", 0.6)]
        let query = model.query(["登记", "多久"], extra: bridge)
        #expect(model.topicMissed(query, unit: try unit(3)))
        #expect(!model.topicMissed(query, unit: try unit(2)), "its topics are words no learned question uses")
        #expect(!model.topicMissed(model.query(["清算", "多久"], extra: bridge), unit: try unit(3)))
        // The learned ranking: without the topic weight the 清算 article (shorter, the pairs' favourite) wins.
        let (unweighted, plain) = try engine(topic: 0)
        func best(_ model: AnswerModel, _ query: AnswerModel.Query) -> Int? {
            model.rank(query, type: .timeLimit, top: 1).first.map { Int($0.unit) }
        }
        #expect(best(plain, plain.query(["登记", "多久"], extra: bridge)) == (try unit(3)))
        #expect(best(model, query) == (try unit(2)))
        #expect(best(model, model.query(["清算", "多久"], extra: bridge)) == (try unit(3)))
        #expect(try first(unweighted, "清算完了多久办注销") == 3)
        #expect(try first(weighted, "清算完了多久办注销") == 3)
    }

    /// A definition question wants the article that defines its subject (本条例所称社会团体，是指…),
    /// not the many that merely use the word.
    @Test func definitionQuestionFindsTheDefiningArticle() throws {
        let response = try AnswerEngine(database: Self.bundled.get()).answer("什么是社团")
        #expect(response.answers.first?.document.title == "社会团体登记管理条例")
        #expect(response.answers.first?.article?.number == 2, "本条例所称社会团体，是指…, reached through 社团 -> 社会团体")
        #expect(AnswerType.defines("本法所称慈善信托属于公益信托，是指委托人基于慈善目的", terms: ["慈善信托"]))
        #expect(AnswerType.defines("志愿者是指以自己的时间、知识、技能", terms: ["志愿者"]))
        #expect(!AnswerType.defines("设立慈善信托、确定受托人和监察人，应当采取书面形式", terms: ["慈善信托"]))
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
        // 要交钱 asks for an amount, not for materials; 要交什么 for materials.
        #expect(AnswerType.ofQuestion("社团年检要交钱吗") == .amount)
        #expect(AnswerType.ofQuestion("年检要交什么").contains(.materials))
        // Kinds and lists: 分为几级 / 写明哪些内容 against 分为5个等级 / 应当包括下列内容.
        #expect(AnswerType.ofQuestion("社会组织评估等级分为几级").contains(.enumeration))
        #expect(AnswerType.ofQuestion("申请书应当写明哪些内容").contains(.enumeration))
        #expect(AnswerType.ofUnit("社会组织评估结果分为5个等级").contains(.enumeration))
        #expect(AnswerType.ofUnit("政府信息公开申请应当包括下列内容：").contains(.enumeration))
        #expect(!AnswerType.ofUnit("社会组织评估等级有效期为5年。").contains(.enumeration))
    }

    /// The confidence model: a logistic fit that is deterministic, rises with a feature that
    /// predicts being right, and gives thresholds only with enough held-aside questions.
    @Test func confidenceModelIsFittedOnHeldAsideQuestions() throws {
        // 200 questions: the first feature predicts being right (right when above 0.5, with noise
        // by a fixed rule), the second is noise.
        let examples: [(features: [Float], right: Bool)] = (0..<200).map { i in
            let x = Float(i % 20) / 19
            let noise = Float((i * 7) % 11) / 10
            return ([x, noise], x > 0.5 ? i % 10 != 0 : i % 4 == 0)
        }
        let model = try #require(ConfidenceModel.fit(examples))
        #expect(ConfidenceModel.fit(examples) == model, "the same questions give the same model")
        #expect(model.probability([0.9, 0.5]) > 0.8)
        #expect(model.probability([0.1, 0.5]) < 0.4)
        #expect(ConfidenceModel.fit(examples.map { ($0.features, true) }) == nil, "no model without wrong answers")

        let width = AnswerModel.confidenceFeatureCount
        let outcomes = examples.enumerated().map { i, e in
            AnswerTrainer.Outcome(score: 0, right: e.right, features: e.features + [Float](repeating: 0, count: width - 2), fold: i % 5)
        }
        let (calibration, fitted) = AnswerTrainer.fitConfidence(outcomes)
        #expect(fitted != nil)
        #expect(calibration.high < 1 && calibration.high > calibration.medium)
        #expect(calibration.highPrecision >= Float(AnswerTrainer.highPrecisionTarget))
        #expect(calibration.highShare > 0.2)
        let (few, none) = AnswerTrainer.fitConfidence(Array(outcomes.prefix(60)))
        #expect(none == nil, "too few held-aside questions: the fixed score")
        #expect(few.high == 0.75)
    }

    /// An FAQ's question and its variants are held aside together (none learned from while
    /// another is judged); other pairs each on their own.
    @Test func foldGroupsKeepAnFAQTogether() {
        let pairs = ["D01", "faq3.0", "faq3.1", "D02", "faq3.2", "faq4.0"].map { AnswerTrainer.ResolvedPair(id: $0, question: $0, terms: [], units: []) }
        let groups = AnswerTrainer.foldGroups(pairs)
        #expect(groups == [0, 1, 1, 2, 1, 3])
    }

    /// On the bundled corpus (49 pairs) the trainer chooses its answer-type, prior, subject and topic weights on
    /// held-aside pairs and says what it tried.
    @Test func weightsAreChosenPerCorpusOnHeldAsidePairs() throws {
        let path = Scratch.directory.appendingPathComponent("choice-\(UUID().uuidString).sqlite").path
        let database = try GongshiDatabase(path: path)
        try Indexer(corpus: ProjectPaths.fixtureCorpus, database: database).run()
        let report = try AnswerTrainer(database: database).train()
        // The defaults, the other priors, the other types, the subject weights, then the topic weights.
        #expect(
            report.weightChoice.count
                == AnswerTrainer.typeChoices.count + AnswerTrainer.priorChoices.count + AnswerTrainer.subjectChoices.count
                + AnswerTrainer.topicChoices.count - 3)
        #expect(report.weightChoice.contains { $0.contains("(kept)") })
        var fixed = AnswerTrainer(database: database)
        fixed.weights = ["type": 0.03, "subject": 0, "topic": 0]
        #expect(try fixed.train().weightChoice.count == AnswerTrainer.priorChoices.count, "a weight given is not chosen")
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
