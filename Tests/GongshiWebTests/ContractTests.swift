import Foundation
import GongshiAnswers
import GongshiDisclosure
import GongshiIndex
import GongshiSearch
import GongshiStore
import GongshiTestSupport
import Testing

@testable import GongshiWeb

/// The JSON contracts as the web layer writes them from the engines' data: the HTML of
/// snippets and highlights, the addresses, and the hand-written JSON of /api/search.
/// (Moved here from the engines' tests when engines stopped writing HTML and URLs.)
@Suite struct ContractTests {
    static func foundationJSON<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func site() throws -> Site { try WebTestIndex.router().site }

    static func object(_ value: some Encodable) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(value)) as? [String: Any])
    }

    // MARK: search

    @Test func handWrittenJSONIsWhatJSONEncoderWrites() throws {
        // "…" is three UTF-8 bytes, 民政 six.
        let tricky = SearchResponse(
            query: "引号\" 反斜杠\\ /斜杠 \u{1}\u{1F}\t\n\r\u{8}\u{C} 😀 <mark>", total: 3,
            results: [
                SearchResult(
                    kind: "article", id: "shetuan#a10", title: "社会团体登记管理条例", label: "第十条",
                    snippet: MarkedText("…民政部门 & \"x\"…", marks: [3..<9]), ref: .policy(id: "shetuan", anchor: "a10"),
                    score: 12.890692970991086),
                SearchResult(
                    kind: "org", id: "51310000MJ0000000X", title: "某某协会", label: nil, snippet: MarkedText(""),
                    ref: .organization(code: "51310000MJ0000000X"), score: 1000),
                SearchResult(kind: "notice", id: "n1", title: "公告", label: "", snippet: MarkedText("x"), ref: .notice(id: "n1"), score: 0.000123),
            ])
        let body = SearchResponseBody(tricky)
        #expect(body.results[0].snippet == "…<mark>民政</mark>部门 &amp; &quot;x&quot;…")
        #expect(body.results.map(\.url) == ["/policies/shetuan#a10", "/orgs/51310000MJ0000000X", "/notices/n1"])
        #expect(String(decoding: body.jsonBytes(), as: UTF8.self) == (try Self.foundationJSON(body)))
        let empty = SearchResponseBody(SearchResponse(query: "", total: 0, results: []))
        #expect(String(decoding: empty.jsonBytes(), as: UTF8.self) == (try Self.foundationJSON(empty)))
    }

    @Test(arguments: ["民政", "社团 年检 收费", "青民[2016]45号", "shehui tuanti dengji", "ＡＡＡ评估"])
    func handWrittenJSONMatchesForRealResults(query: String) throws {
        let response = try Self.site().search.search(SearchRequest(query: query, limit: 20))
        #expect(!response.results.isEmpty)
        let body = SearchResponseBody(response)
        #expect(String(decoding: body.jsonBytes(), as: UTF8.self) == (try Self.foundationJSON(body)))
    }

    @Test func snippetsAreHTMLSafeWithMarks() throws {
        let engine = try Self.site().search
        let response = SearchResponseBody(try engine.search(SearchRequest(query: "<script> 原始基金")))
        #expect(response.results.isEmpty || response.results.allSatisfy { !$0.snippet.contains("<script>") })
        let plain = SearchResponseBody(try engine.search(SearchRequest(query: "原始基金")))
        #expect(plain.results.contains { $0.snippet.contains("<mark>原始基金</mark>") })
        #expect(plain.results.allSatisfy { !$0.snippet.contains("</mark><mark>") })
    }

    @Test func snippetMarksAsFTS5MarkedThem() {
        #expect(HTMLText.marked(MarkedText(fts5Snippet: "a\u{1}b\u{2}\u{1}c\u{2}<&\u{1}d\u{2}")) == "a<mark>bc</mark>&lt;&amp;<mark>d</mark>")
        #expect(HTMLText.marked(MarkedText(fts5Snippet: "…社会\u{1}团体\u{2}…")) == "…社会<mark>团体</mark>…")
        #expect(HTMLText.marked(MarkedText("'\"")) == "&#39;&quot;")
    }

    @Test func articleAndExactHitURLs() throws {
        let engine = try Self.site().search
        let articles = SearchResponseBody(try engine.search(SearchRequest(query: "原始基金", kind: .article)))
        let hit = try #require(articles.results.first { $0.title == "基金会管理条例" })
        #expect(hit.url.hasPrefix("/policies/jijinhui-tiaoli#a"))
        #expect(hit.url == "/policies/" + hit.id)
        let code = try #require(try Self.site().directory.search(filter: OrganizationFilter()).items.first?.code)
        let exact = SearchResponseBody(try engine.search(SearchRequest(query: code)))
        #expect(exact.results.first?.url == "/orgs/\(code)")
    }

    @Test func jsonContractHasEveryFieldWithNullLabels() throws {
        let response = try Self.site().search.search(SearchRequest(query: "基金会管理条例", limit: 20))
        let object = try Self.object(SearchResponseBody(response))
        // Issue 13 added `relaxed` (words left out) and `suggestion` (string or null).
        #expect(Set(object.keys) == ["query", "total", "results", "relaxed", "suggestion"])
        #expect(object["suggestion"] is NSNull)
        let results = try #require(object["results"] as? [[String: Any]])
        #expect(!results.isEmpty)
        for r in results {
            #expect(Set(r.keys) == ["kind", "id", "title", "label", "snippet", "url", "score"])
            #expect(["policy", "article", "org", "credit", "notice"].contains(r["kind"] as? String ?? ""))
            if r["kind"] as? String == "policy" { #expect(r["label"] is NSNull) }
        }
    }

    @Test func jsonCarriesRelaxedAndSuggestion() throws {
        func search(_ query: String) throws -> SearchResponseBody {
            SearchResponseBody(try Self.site().search.search(SearchRequest(query: query)))
        }
        let response = try search("法律服物工作者协会")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(response.jsonBytes())) as? [String: Any])
        #expect(object["suggestion"] as? String == "青浦区法律服务工作者协会")
        #expect((object["relaxed"] as? [String])?.isEmpty == false)
        let plain = try #require(try JSONSerialization.jsonObject(with: Data(try search("民政").jsonBytes())) as? [String: Any])
        #expect(plain["suggestion"] is NSNull)
        #expect((plain["relaxed"] as? [String]) == [])
        #expect(Set(plain.keys) == ["query", "total", "results", "relaxed", "suggestion"])
    }

    // MARK: ask

    /// The learned Q&A's bridges (from LearnedAnswerTests' fixture) reach the API contract.
    @Test func learnedBridgesAreInTheAnswerContract() throws {
        let path = Scratch.directory.appendingPathComponent("learned-web-\(UUID().uuidString).sqlite").path
        let database = try GongshiDatabase(path: path)
        _ = try Indexer(corpus: ProjectPaths.fixtures("GongshiAnswersTests").appendingPathComponent("qa-learning"), database: database).run()
        try AnswerTrainer(database: database).train()
        let response = try AnswerEngine(database: database).answer("欠钱好久了怎么要回来", limit: 3)
        #expect(response.answers.first?.matched.contains { $0.isBridge } == true)
        let json = String(decoding: try JSONEncoder().encode(AnswerResponseBody(response)), as: UTF8.self)
        #expect(json.contains("\"matched\":[{"))
    }

    @Test func answerJSONFollowsTheContract() throws {
        let response = try Self.site().answers.answer("基金会原始基金最低多少", limit: 2)
        let object = try Self.object(AnswerResponseBody(response))
        for key in ["question", "confidence", "answers", "faq"] { #expect(object[key] != nil, "\(key)") }
        #expect(["high", "medium", "low"].contains(object["confidence"] as? String ?? ""))
        let answers = try #require(object["answers"] as? [[String: Any]])
        let answer = try #require(answers.first)
        for key in ["document", "article", "section", "text", "highlight", "url", "score", "citation"] {
            #expect(answer.keys.contains(key), "\(key)")
        }
        let document = try #require(answer["document"] as? [String: Any])
        for key in ["id", "title", "doc_number", "issuer", "level", "status"] { #expect(document.keys.contains(key), "\(key)") }
        let article = try #require(answer["article"] as? [String: Any])
        #expect(article["number"] as? Int == 8)
        #expect(article["label"] as? String == "第八条")
        #expect(article.keys.contains("chapter"))
        #expect(answer["section"] is NSNull)
        #expect((answer["url"] as? String) == "/policies/jijinhui-tiaoli#a8")
        let faq = try #require((object["faq"] as? [[String: Any]])?.first)
        for key in ["question", "answer", "articles"] { #expect(faq.keys.contains(key), "\(key)") }
    }

    @Test func answerURLsAndHighlights() throws {
        let body = AnswerResponseBody(try Self.site().answers.answer("成立社会团体需要什么条件？", limit: 5))
        let first = try #require(body.answers.first)
        #expect(first.url == "/policies/shetuan-dengji-tiaoli#a10")
        #expect(first.highlight.contains("<mark>"))
        #expect(body.faq.first?.articles.contains { $0.url == "/policies/shetuan-dengji-tiaoli#a10" && $0.label == "第十条" } == true)
        let numbers = AnswerResponseBody(try Self.site().answers.answer("社会团体要有五十个个人会员吗", limit: 3))
        #expect(numbers.answers.first?.highlight.contains("<mark>50个</mark>") == true)
    }

    @Test(arguments: [String(repeating: "社会团体", count: 1_000), "\"*(NEAR", "\u{0}\u{E000}", "<script>alert(1)</script>成立"])
    func hostileQuestionsGetEscapedHighlights(question: String) throws {
        let body = AnswerResponseBody(try Self.site().answers.answer(question, limit: 1000))
        for answer in body.answers { #expect(!answer.highlight.contains("<script>")) }
    }

    // MARK: disclosure

    @Test func profileAndReportAddresses() throws {
        let directory = try Self.site().directory
        let code = try #require(try directory.search(filter: OrganizationFilter()).items.first?.code)
        let profile = try #require(try directory.profile(code: code))
        let object = try Self.object(OrganizationProfileBody(profile))
        #expect(object["url"] as? String == "/orgs/\(code)")
        let regulations = try #require(object["regulations"] as? [[String: Any]])
        #expect(!regulations.isEmpty)
        #expect(regulations.allSatisfy { $0["url"] as? String == "/policies/\($0["id"] as? String ?? "")" })
        let notices = try #require(object["notices"] as? [[String: Any]])
        #expect(notices.allSatisfy { $0["url"] as? String == "/notices/\($0["id"] as? String ?? "")" })

        let center = try #require(try directory.search(filter: OrganizationFilter(centerLevel: "区级")).items.first?.code)
        let report = try #require(try directory.serviceCenterReport(code: center))
        let reportObject = try Self.object(ServiceCenterReportBody(report))
        #expect((reportObject["center"] as? [String: Any])?["report_url"] as? String == "/orgs/\(center)/center")
        let results = try #require(reportObject["results"] as? [[String: Any]])
        #expect(results.allSatisfy { ($0["url"] as? String)?.hasPrefix("/policies/qingpu-shehui-zuzhi-fuwu-zhongxin-2016#s3-") == true })
    }

    @Test func recordAddresses() {
        #expect(URLBuilder.path(.policy(id: "a")) == "/policies/a")
        #expect(URLBuilder.path(.policy(id: "a", anchor: "s3-1")) == "/policies/a#s3-1")
        #expect(URLBuilder.path(.organization(code: "X")) == "/orgs/X")
        #expect(URLBuilder.path(.serviceCenter(code: "X")) == "/orgs/X/center")
        #expect(URLBuilder.path(.creditRecord(orgCode: "X", id: "7")) == "/orgs/X#credit-7")
        #expect(URLBuilder.path(.notice(id: "n")) == "/notices/n")
    }
}
