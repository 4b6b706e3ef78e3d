import Foundation
import GongshiWeb
import Testing

/// Every HTML page and its JSON twin, called in process.
@Suite struct PageTests {
    func get(_ path: String, _ query: [String: String] = [:], headers: [String: String] = [:]) throws -> HTTPResponse {
        try WebTestIndex.router().handle(HTTPRequest(path: path, query: query, headers: headers))
    }

    func json(_ response: HTTPResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
    }

    /// The things every page must have for 适老化/无障碍 and safety.
    func expectAccessiblePage(_ response: HTTPResponse, sourceLocation: SourceLocation = #_sourceLocation) {
        let html = response.text
        #expect(response.header("Content-Type") == "text/html; charset=utf-8", sourceLocation: sourceLocation)
        #expect(response.header("Content-Security-Policy")?.contains("default-src 'self'") == true, sourceLocation: sourceLocation)
        #expect(html.contains("<html lang=\"zh-CN\""), sourceLocation: sourceLocation)
        #expect(html.contains("name=\"viewport\""), sourceLocation: sourceLocation)
        #expect(html.contains("跳到主要内容"), sourceLocation: sourceLocation)
        #expect(html.contains("<label for=\"site-q\">"), sourceLocation: sourceLocation)
        #expect(html.contains("大字版") || html.contains("标准字号"), sourceLocation: sourceLocation)
        #expect(html.contains("高对比度") || html.contains("标准配色"), sourceLocation: sourceLocation)
        #expect(!html.contains("<script>"), "no inline script: pages work without JavaScript", sourceLocation: sourceLocation)
        #expect(!html.contains("style=\""), "inline styles would break the CSP", sourceLocation: sourceLocation)
    }

    @Test func homeShowsCountsNoticesAndPolicies() throws {
        let response = try get("/")
        #expect(response.status == 200)
        expectAccessiblePage(response)
        let html = response.text
        #expect(html.contains("件政策法规"))
        #expect(html.contains("最新公告"))
        #expect(html.contains("href=\"/policies/"))
        #expect(html.contains("href=\"/notices/"))
    }

    @Test func searchPageShowsHighlightedResultsFacetsAndKeepsTheQuery() throws {
        let response = try get("/search", ["q": "原始基金"])
        #expect(response.status == 200)
        expectAccessiblePage(response)
        let html = response.text
        #expect(html.contains("value=\"原始基金\""))
        #expect(html.contains("<mark>原始基金</mark>"))
        #expect(html.contains("基金会管理条例"))
        #expect(html.contains("<h3>类别</h3>"))
        #expect(html.contains("<h3>效力级别</h3>"))
    }

    @Test func searchFiltersNarrowTheResults() throws {
        let all = try json(get("/api/search", ["q": "登记", "facets": "1", "limit": "100"]))
        let filtered = try json(get("/api/search", ["q": "登记", "facets": "1", "level": "行政法规", "limit": "100"]))
        let allTotal = try #require(all["total"] as? Int)
        let filteredTotal = try #require(filtered["total"] as? Int)
        #expect(filteredTotal > 0 && filteredTotal < allTotal)
        let levels = try #require((filtered["facets"] as? [String: Any])?["groups"] as? [[String: Any]])
        let level = try #require(levels.first { $0["name"] as? String == "level" }?["values"] as? [[String: Any]])
        #expect(level.map { $0["value"] as? String } == ["行政法规"])
        #expect(level.first?["count"] as? Int == filteredTotal)
        for result in try #require(filtered["results"] as? [[String: Any]]) {
            #expect(["policy", "article"].contains(result["kind"] as? String))
        }
        // An organization filter keeps organizations only.
        let orgs = try json(get("/api/search", ["q": "协会", "org_type": "社会团体"]))
        for result in try #require(orgs["results"] as? [[String: Any]]) { #expect(result["kind"] as? String == "org") }
    }

    @Test func searchPageEscapesWhatTheUserTyped() throws {
        let html = try get("/search", ["q": "<script>alert(1)</script>"]).text
        #expect(!html.contains("<script>alert(1)"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test func zeroResultsGiveHelp() throws {
        let html = try get("/search", ["q": "量子纠缠超导体"]).text
        #expect(html.contains("没有找到"))
        #expect(html.contains("错别字"))
        #expect(html.contains("拼音"))
    }

    @Test func exactDocumentNumberHitIsMarked() throws {
        // A real 文号 from the bundled corpus, typed with other brackets.
        let html = try get("/search", ["q": "青民[2016]45号"]).text
        #expect(html.contains("精确匹配"))
    }

    @Test func questionLikeQueriesOfferTheQA() throws {
        #expect(try get("/search", ["q": "成立社会团体需要什么条件"]).text.contains("/ask?q="))
        #expect(!(try get("/search", ["q": "基金会"]).text.contains("/ask?q=")))
    }

    @Test func paginationLinksKeepTheQuery() throws {
        let html = try get("/search", ["q": "社会"]).text
        #expect(html.contains("aria-label=\"分页\""))
        #expect(html.contains("href=\"/search?q=%E7%A4%BE%E4%BC%9A&amp;page=2\""))
    }

    @Test func policyListHasFiltersAndItsJSONTwin() throws {
        let response = try get("/policies", ["level": "行政法规"])
        #expect(response.status == 200)
        expectAccessiblePage(response)
        #expect(response.text.contains("基金会管理条例"))
        #expect(!response.text.contains("中华人民共和国慈善法</a>"))
        let body = try json(get("/api/policies", ["level": "行政法规"]))
        let items = try #require(body["items"] as? [[String: Any]])
        #expect(body["total"] as? Int == items.count)
        #expect(items.allSatisfy { $0["level"] as? String == "行政法规" })
        #expect(items.contains { $0["title"] as? String == "基金会管理条例" })
        for key in ["id", "title", "doc_number", "issuer", "promulgated", "effective", "status", "url"] {
            #expect(items.first?.keys.contains(key) == true, "key \(key)")
        }
        #expect((body["facets"] as? [[String: Any]])?.isEmpty == false)
    }

    @Test func policyPageHasFactsContentsAndArticleAnchors() throws {
        let response = try get("/policies/shetuan-dengji-tiaoli")
        #expect(response.status == 200)
        expectAccessiblePage(response)
        let html = response.text
        #expect(html.contains("<h1>社会团体登记管理条例</h1>"))
        #expect(html.contains("公开目录信息"))
        #expect(html.contains("发布机构"))
        #expect(html.contains("时效"))
        #expect(html.contains("aria-labelledby=\"toc-title\""))
        #expect(html.contains("<section id=\"a10\""))
        #expect(html.contains("第十条"))
        let body = try json(get("/api/policies/shetuan-dengji-tiaoli"))
        let units = try #require(body["units"] as? [[String: Any]])
        #expect(units.contains { $0["anchor"] as? String == "a10" && $0["label"] as? String == "第十条" })
        #expect((body["document"] as? [String: Any])?["title"] as? String == "社会团体登记管理条例")
        #expect((body["chapters"] as? [String])?.isEmpty == false)
    }

    @Test func policyPagesForSectionsUseSectionAnchors() throws {
        let html = try get("/policies/qingpu-shehui-zuzhi-fuwu-zhongxin-2016").text
        #expect(html.contains("<section id=\"s1\""))
    }

    @Test func missingAndMalformedPagesAreClearErrors() throws {
        let missing = try get("/policies/no-such-document")
        #expect(missing.status == 404)
        #expect(missing.text.contains("找不到该文件"))
        #expect(try get("/no/such/page").status == 404)
        #expect(try get("/policies/a\u{1}b").status == 400)
        #expect(try get("/search", ["q": String(repeating: "长", count: 300)]).status == 400)
        #expect(try get("/search", ["q": "民政", "page": "0"]).status == 400)
        #expect(try get("/policies", ["page": "-1"]).status == 400)
        let api = try get("/api/policies/no-such-document")
        #expect(api.status == 404)
        #expect(try json(api)["error"] != nil)
    }

    @Test func preferencesPersistInACookieAndChangeThePage() throws {
        let set = try get("/prefs", ["font": "large", "back": "/policies"])
        #expect(set.status == 303)
        #expect(set.header("Location") == "/policies")
        let cookie = try #require(set.header("Set-Cookie"))
        #expect(cookie.hasPrefix("gongshi_prefs=font-large;"))
        let html = try get("/", headers: ["Cookie": "other=1; gongshi_prefs=font-large.contrast-high"]).text
        #expect(html.contains("class=\"font-large contrast-high\""))
        #expect(html.contains("标准字号"))
        // Never an open redirect.
        for back in ["//evil.example/", "https://evil.example/", "/\\evil", "javascript:alert(1)"] {
            #expect(try get("/prefs", ["contrast": "high", "back": back]).header("Location") == "/")
        }
        #expect(try get("/prefs", ["font": "huge"]).status == 400)
    }

    @Test func printViewHidesNavigation() throws {
        #expect(try get("/policies/jijinhui-tiaoli", ["print": "1"]).text.contains("class=\"print-view\""))
    }

    @Test func askPageQuotesAndCitesTheArticle() throws {
        let response = try get("/ask", ["q": "成立社会团体需要什么条件？"])
        #expect(response.status == 200)
        expectAccessiblePage(response)
        let html = response.text
        #expect(html.contains("href=\"/policies/shetuan-dengji-tiaoli#a10\""))
        #expect(html.contains("依据《社会团体登记管理条例》（2016修订）第十条"))
        #expect(html.contains("<mark>"))
        #expect(html.contains("回答可信度"))
        #expect(html.contains("<textarea id=\"cite-1\" readonly"))
        let empty = try get("/ask")
        #expect(empty.status == 200)
        #expect(empty.text.contains("例如"))
    }

    @Test func askPageSaysSoWhenThereIsNoClearAnswer() throws {
        let html = try get("/ask", ["q": "火星上的天气怎么样"]).text
        #expect(html.contains("低"))
        #expect(html.contains("建议直接咨询"))
        // The contact has no phone or address configured: none is shown, none is invented
        // (the footer's contact is the site's own, from site.yaml).
        let hint = try #require(html.firstMatch(of: /<section class="hint"[\s\S]*?<\/section>/)).0
        #expect(!hint.contains("电话") && !hint.contains("地址"))
        #expect(!html.contains("示例"))
    }

    @Test func askAPIReturnsTheContract() throws {
        let body = try json(get("/api/ask", ["q": "申请政府信息公开多久答复", "limit": "3"]))
        #expect(body["question"] as? String == "申请政府信息公开多久答复")
        #expect(["high", "medium", "low"].contains(body["confidence"] as? String))
        let answers = try #require(body["answers"] as? [[String: Any]])
        #expect(!answers.isEmpty && answers.count <= 3)
        for key in ["document", "article", "section", "text", "highlight", "url", "score"] {
            #expect(answers.first?.keys.contains(key) == true, "key \(key)")
        }
        let document = try #require(answers.first?["document"] as? [String: Any])
        for key in ["id", "title", "doc_number", "issuer", "level", "status"] { #expect(document.keys.contains(key), "key \(key)") }
        #expect(body["faq"] is [Any])
        #expect(try get("/api/ask").status == 400)
        #expect(try get("/api/ask", ["q": "问", "limit": "101"]).status == 400)
        #expect(try get("/api/ask", ["q": "问", "limit": "100"]).status == 200)
        #expect(try get("/api/ask", ["q": String(repeating: "问", count: 600)]).status == 400)
    }

    @Test func openAPIDescribesTheRoutes() throws {
        let body = try json(get("/api/openapi.json"))
        let paths = try #require(body["paths"] as? [String: Any])
        for path in [
            "/api/search", "/api/policies", "/api/policies/{id}", "/api/ask", "/api/orgs", "/api/orgs/{code}", "/api/suggest",
            "/api/credit/{list}", "/api/notices", "/api/notices/{id}", "/api/stats",
        ] { #expect(paths[path] != nil, "\(path)") }
    }
}
