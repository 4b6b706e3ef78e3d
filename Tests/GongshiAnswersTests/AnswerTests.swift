import Foundation
import GRDB
import GongshiIndex
import GongshiStore
import GongshiTestSupport
import Testing

@testable import GongshiAnswers

@Suite struct AnswerTests {
    static func engine() throws -> AnswerEngine { try AnswerEngine(database: FixtureIndex.database()) }

    /// The retrieval of large indexes (candidate documents first), forced on the bundled one.
    static func documentsFirstEngine(_ database: GongshiDatabase? = nil) throws -> AnswerEngine {
        try AnswerEngine(database: database ?? FixtureIndex.database(), fullRankRows: 0)
    }

    @Test(arguments: [false, true])
    func devQuestionsMeetTheTargets(documentsFirst: Bool) throws {
        let text = try String(contentsOf: ProjectPaths.fixtures("GongshiAnswersTests").appendingPathComponent("dev-qa.jsonl"), encoding: .utf8)
        let cases = try AnswerEvaluation.cases(jsonLines: text)
        #expect(cases.count == 36)
        let outcomes = try AnswerEvaluation(engine: documentsFirst ? Self.documentsFirstEngine() : Self.engine()).run(cases)
        let summary = AnswerEvaluation.summary(outcomes)
        print(
            String(
                format: "dev-qa%@: top-1 %.1f%%, top-3 %.1f%%, MRR@10 %.3f", documentsFirst ? " (documents first)" : "",
                summary.top1 * 100, summary.top3 * 100, summary.mrr10))
        for o in outcomes where o.rank != 1 { print("  \(o.id) \(o.question): rank \(o.rank.map(String.init) ?? "-"), top \(o.top ?? "-")") }
        #expect(summary.top1 >= 0.8)
        #expect(summary.top3 >= 0.95)
    }

    @Test func answerIsCitedArticleWithAnchorAndMarks() throws {
        let response = try Self.engine().answer("成立社会团体需要什么条件？", limit: 5)
        let first = try #require(response.answers.first)
        #expect(first.document.title == "社会团体登记管理条例")
        #expect(first.article?.number == 10)
        #expect(first.article?.label == "第十条")
        #expect(first.ref == .policy(id: "shetuan-dengji-tiaoli", anchor: "a10"))
        #expect(first.citation.hasPrefix("依据《社会团体登记管理条例》第十条：“成立社会团体，应当具备下列条件："))
        #expect(!first.highlight.marks.isEmpty)
        #expect(first.current)
        #expect(response.confidence == .high)
        // The curated FAQ on founding a social organization matches closely and comes with its articles.
        let faq = try #require(response.faq.first)
        #expect(faq.articles.contains { $0.ref == .policy(id: "shetuan-dengji-tiaoli", anchor: "a10") && $0.label == "第十条" })
    }

    @Test(arguments: [
        ("社會團體成立要具備什麼條件", "社会团体登记管理条例", 10),  // Traditional characters
        ("民非年检要交哪些材料", "民办非企业单位年度检查办法", 5),  // abbreviations 民非, 年检
        ("公开募捐资格证书丢了怎么办", "慈善组织公开募捐管理办法", 8),  // colloquial 丢了 -> 丢失
        ("基金会管理条例第十一条", "基金会管理条例", 11),  // a named article
    ])
    func colloquialQuestionsFindTheArticle(question: String, title: String, article: Int) throws {
        for engine in [try Self.engine(), try Self.documentsFirstEngine()] {
            let response = try engine.answer(question, limit: 3)
            let first = try #require(response.answers.first, "\(question)")
            #expect(first.document.title == title, "\(question)")
            #expect(first.article?.number == article, "\(question)")
        }
    }

    @Test func documentRangesCoverEveryArticle() throws {
        let database = try FixtureIndex.database()
        try database.pool.read { db in
            let stats = try AnswerIndexStats.load(db)
            #expect(stats.ranges.count == (try Int.fetchOne(db, sql: "SELECT count(*) FROM document")))
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT e.id, u.document_id FROM entry e JOIN unit u ON u.id = CAST(e.ref AS INTEGER) WHERE e.kind IN ('article', 'section')
                    """)
            #expect(rows.count > 500)
            for row in rows {
                let rowid: Int64 = row[0]
                let document: String = row[1]
                #expect(stats.document(ofRow: rowid).map { stats.ranges[$0].documentId } == document)
            }
            // Concepts are counted exactly; a common one (in more rows than the limit) has no documents.
            let rare = try stats.occurrences(of: ["原始基金"], limit: 100, db: db)
            #expect(rare.rows > 0 && rare.rows <= 100 && !rare.documents.isEmpty)
            #expect(rare.documents.keys.contains { stats.ranges[$0].documentId == "jijinhui-tiaoli" })
            let common = try stats.occurrences(of: ["社会团体"], limit: 5, db: db)
            #expect(common.rows > 5 && common.documents.isEmpty)
        }
    }

    @Test func numbersWrittenEitherWayMatch() throws {
        let response = try Self.engine().answer("社会团体要有五十个个人会员吗", limit: 3)
        let first = try #require(response.answers.first)
        #expect(first.article?.number == 10)
        #expect(first.highlight.segments.contains { $0.marked && $0.text == "50个" })
    }

    @Test(arguments: ["今天天气怎么样", "火星上有外星人吗？", "asdfgh qwerty", "？？？", ""])
    func nonsenseGetsLowConfidenceAndTheServiceCenter(question: String) throws {
        let response = try Self.engine().answer(question, limit: 5)
        #expect(response.confidence == .low, "\(question)")
        #expect(response.notice?.contains("服务中心") == true)
        #expect(response.serviceCenter?.name != nil)
        #expect(response.serviceCenter?.phone == nil, "no phone is configured, none is made up")
        #expect(response.faq.isEmpty)
    }

    @Test(arguments: [false, true])
    func repealedTextIsNeverPresentedAsCurrent(documentsFirst: Bool) throws {
        let root = Scratch.directory.appendingPathComponent("gongshi-qa-\(UUID().uuidString)")
        let corpus = root.appendingPathComponent("Corpus")
        let fm = FileManager.default
        try fm.createDirectory(at: corpus.appendingPathComponent("policies"), withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: root) }
        let bundled = ProjectPaths.fixtureCorpus
        for name in ["synonyms.txt", "qa-vocabulary.txt", "service-center.yaml"] {
            try fm.copyItem(at: bundled.appendingPathComponent(name), to: corpus.appendingPathComponent(name))
        }
        try fm.copyItem(
            at: ProjectPaths.fixtures("GongshiAnswersTests").appendingPathComponent("repealed-shetuan-1989.md"),
            to: corpus.appendingPathComponent("policies/repealed-shetuan-1989.md"))

        // Only the repealed text: it may be shown, but marked as not current.
        let database = try GongshiDatabase(path: root.appendingPathComponent("a.sqlite").path)
        _ = try Indexer(corpus: corpus, database: database).run()
        // One engine across the re-index: its caches follow the index generation.
        let engine = documentsFirst ? try Self.documentsFirstEngine(database) : try AnswerEngine(database: database)
        var response = try engine.answer("成立社会团体需要什么条件", limit: 5)
        let only = try #require(response.answers.first)
        #expect(only.document.status == "已废止")
        #expect(!only.current)
        #expect(only.citation.contains("已废止"))

        // With the current regulation beside it, the current article comes first.
        try fm.copyItem(
            at: bundled.appendingPathComponent("policies/regulations/shetuan-dengji-tiaoli.md"),
            to: corpus.appendingPathComponent("policies/shetuan-dengji-tiaoli.md"))
        _ = try Indexer(corpus: corpus, database: database).run()
        response = try engine.answer("成立社会团体需要什么条件", limit: 10)
        let first = try #require(response.answers.first)
        #expect(first.current && first.document.title == "社会团体登记管理条例" && first.article?.number == 10)
        for answer in response.answers where answer.document.status == "已废止" {
            #expect(!answer.current)
        }
    }

    @Test func concurrentQuestionsAgree() async throws {
        let engine = try Self.engine()
        let questions = ["成立社会团体需要什么条件", "慈善信托需要备案吗", "民非可以设分支机构吗", "行政处罚有哪些种类"]
        let expected = try questions.map { try engine.answer($0, limit: 1).answers.first?.ref }
        try await withThrowingTaskGroup(of: Bool.self) { group in
            for i in 0..<32 {
                group.addTask { try engine.answer(questions[i % 4], limit: 1).answers.first?.ref == expected[i % 4] }
            }
            for try await same in group { #expect(same) }
        }
    }

    @Test(arguments: [String(repeating: "社会团体", count: 1_000), "\"*(NEAR", "\u{0}\u{E000}", "<script>alert(1)</script>成立"])
    func hostileQuestionsNeverFail(question: String) throws {
        for engine in [try Self.engine(), try Self.documentsFirstEngine()] {
            let response = try engine.answer(question, limit: 1000)
            #expect(response.answers.count <= AnswerEngine.maxLimit)
            #expect(response.question.count <= AnswerEngine.maxQuestionCharacters)
            // The highlight is the text as stored; its HTML form is tested in ContractTests (web).
            for answer in response.answers { #expect(answer.highlight.text == answer.text) }
        }
    }
}

/// FAQ entries far below the best match are not shown beside it.
@Suite struct FAQMarginTests {
    @Test func onlyEntriesCloseToTheBestMatchAreShown() throws {
        let engine = try AnswerEngine(database: FixtureIndex.database())
        let response = try engine.answer("成立社会团体需要什么条件", limit: 3)
        let best = try #require(response.faq.first)
        #expect(best.question.contains("社会团体"))
        #expect(response.faq.allSatisfy { $0.score >= best.score - AnswerEngine.faqMargin })
        #expect(!response.faq.contains { $0.question.contains("基金会") })
    }
}
