import Foundation
import GongshiStore
import GongshiTestSupport
import Testing

@testable import GongshiWeb

/// Issue 14's pages, in process over the fixture index: 办事指南, /api/, site identity,
/// JSON twin links, registration banners, readable sources, citations, the start page of
/// an empty search, error pages and the statistics' links.
@Suite struct ServicePagesTests {
    func get(_ target: String, headers: [String: String] = [:]) throws -> HTTPResponse {
        let request = APIController.request(target)
        return try WebTestIndex.router().handle(HTTPRequest(path: request.path, query: request.query, headers: headers))
    }

    func json(_ response: HTTPResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
    }

    func scalar(_ sql: String) throws -> String? {
        try FixtureIndex.database().read { try String.fetchOne($0, sql: sql) }
    }

    @Test func guidesAreListedSearchableAndPrintableWithJSONTwins() throws {
        let list = try get("/guides")
        #expect(list.status == 200)
        #expect(list.text.components(separatedBy: "href=\"/guides/").count - 1 == 12)
        let found = try get("/guides?q=%E6%B3%A8%E9%94%80")  // 注销
        #expect(found.text.contains("/guides/shetuan-zhuxiao") && found.text.contains("/guides/jijinhui-zhuxiao"))
        #expect(!found.text.contains("/guides/shetuan-chengli\""))
        let twin = try json(try get("/api/guides?q=%E6%B3%A8%E9%94%80"))
        #expect(twin["count"] as? Int == 3)

        let guide = try get("/guides/shetuan-chengli")
        #expect(guide.status == 200)
        for section in ["办理条件", "办理流程", "申请材料", "办理时限", "收费标准", "办理机关"] { #expect(guide.text.contains("\">\(section)</h2>"), "\(section)") }
        #expect(guide.text.contains("class=\"checklist\""))
        #expect(guide.text.contains("href=\"/policies/shetuan-dengji-tiaoli#a11\""))
        #expect(guide.text.contains("href=\"/guides/shetuan-chengli?print=1\""))
        #expect(try get("/guides/shetuan-chengli?print=1").text.contains("print-view"))
        let body = try json(try get("/api/guides/shetuan-chengli"))
        #expect(body["title"] as? String == "社会团体成立登记")
        let parts = try #require(body["parts"] as? [[String: Any]])
        let first = try #require((parts.first?["entries"] as? [[String: Any]])?.first)
        #expect((first["url"] as? String)?.hasPrefix("/policies/") == true && first["quote"] is String)
        #expect(try get("/guides/no-such-guide").status == 404)
        #expect(try get("/api/guides/no-such-guide").status == 404)
        #expect(try get("/api/guides?q=" + String(repeating: "x", count: 300)).status == 400)
    }

    @Test func askLinksTheGuideOfItsTopicAndCitesVersionAndAddress() throws {
        let page = try get(
            "/ask?q=%E6%88%90%E7%AB%8B%E7%A4%BE%E4%BC%9A%E5%9B%A2%E4%BD%93%E9%9C%80%E8%A6%81%E4%BB%80%E4%B9%88%E6%9D%A1%E4%BB%B6",
            headers: ["host": "gongshi.example:8080"])  // 成立社会团体需要什么条件
        #expect(page.text.contains("相关办事指南") && page.text.contains("href=\"/guides/shetuan-chengli\""))
        #expect(page.text.contains("《社会团体登记管理条例》（2016修订）第"))
        #expect(page.text.contains("（http://gongshi.example:8080/policies/shetuan-dengji-tiaoli#a"))
        // A question about something else names no guide.
        #expect(
            !(try get("/ask?q=%E6%85%88%E5%96%84%E7%BB%84%E7%BB%87%E5%8F%AF%E4%BB%A5%E5%85%AC%E5%BC%80%E5%8B%9F%E6%8D%90%E5%90%97").text.contains("相关办事指南")))
    }

    @Test func theAPIPageListsEveryEndpointWithLiveExamples() throws {
        let url = ProjectPaths.root.appendingPathComponent("Sources/GongshiWeb/Resources/openapi.json")
        let spec = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let paths = try #require(spec["paths"] as? [String: [String: Any]])
        let documented = Set(paths.flatMap { path, methods in methods.keys.map { "\($0.uppercased()) \(path)" } })
        let listed = Set(APIReference.endpoints.map { "\($0.method) \($0.path)" })
        #expect(documented == listed, "only in OpenAPI: \(documented.subtracting(listed)); only on /api/: \(listed.subtracting(documented))")
        let page = try get("/api/")
        #expect(page.status == 200)
        #expect(page.text.contains("href=\"/api/openapi.json\""))
        for endpoint in APIReference.endpoints {
            #expect(page.text.contains("id=\"\(endpoint.anchor)\""), "\(endpoint.path)")
            // The test router has no consultation desk, whose published FAQ /api/faq serves.
            guard let example = endpoint.example, endpoint.path != "/api/faq" else { continue }
            let response = try get(example)
            #expect(response.status == 200 && response.header("Content-Type")?.hasPrefix("application/json") == true, "\(example): \(response.status)")
            #expect(page.text.contains("href=\"\(example.replacingOccurrences(of: "&", with: "&amp;"))\""), "\(example)")
        }
        #expect(page.text.components(separatedBy: "示例响应（节选）").count - 1 == APIReference.endpoints.filter { $0.example != nil && $0.path != "/api/faq" }.count)
        #expect(try get("/api").status == 301)
    }

    @Test func everyPageSaysWhoseSiteItIsAndLinksItsJSONTwin() throws {
        let code: String = try #require(try scalar("SELECT code FROM org ORDER BY code LIMIT 1"))
        let home = try get("/")
        // Corpus/site.yaml of the fixture: set fields shown, the unset region not.
        #expect(home.text.contains("测试区社会组织信息公示") && home.text.contains("本站由测试区民政局主办"))
        #expect(home.text.contains("021-00000000") && home.text.contains("测试区测试路 1 号") && home.text.contains("工作日 9:00–17:00"))
        #expect(!home.text.contains("覆盖范围") && !home.text.contains("信息覆盖"))
        #expect(home.text.contains("href=\"/guides/shetuan-chengli\""))
        for page in [
            "/search?q=%E6%B0%91%E6%94%BF", "/policies", "/policies/shetuan-dengji-tiaoli", "/orgs", "/orgs/\(code)", "/credit/abnormal",
            "/credit/serious", "/notices", "/stats", "/ask?q=%E5%B9%B4%E6%A3%80", "/guides", "/guides/minfei-nianjian",
        ] {
            let response = try get(page)
            #expect(response.status == 200, "\(page)")
            #expect(response.text.contains("主办单位：测试区民政局"), "\(page): footer")
            let twin = try #require(response.text.firstMatch(of: /<a class="twin" href="([^"]+)">本页数据（JSON）<\/a>/)?.1, "\(page): no JSON twin link")
            let answer = try get(String(twin).replacingOccurrences(of: "&amp;", with: "&"))
            #expect(answer.status == 200 && answer.header("Content-Type")?.hasPrefix("application/json") == true, "\(page) → \(twin)")
        }
        #expect(!(try get("/orgs/BAD").text.contains("class=\"twin\"")))
    }

    @Test func policyPagesShowAReadableSourceAndCiteTheirVersion() throws {
        let page = try get("/policies/shetuan-dengji-tiaoli")
        #expect(page.text.contains("<a href=\"https://flk.npc.gov.cn/\">国家法律法规数据库（文本经 LawRefBook 整理）</a>"))
        #expect(!page.text.contains("LawRefBook/Laws@"))
        #expect(page.text.contains("data-cite-title=\"《社会团体登记管理条例》（2016修订）\""))
        #expect(page.text.contains("src=\"/static/js/cite-article.js\""))
        let district = try get("/policies/qingpu-shehui-zuzhi-fuwu-zhongxin-2016")
        #expect(district.text.contains("青浦区民政局 政府信息公开目录（主动公开）"))
        let twin = try json(try get("/api/policies/shetuan-dengji-tiaoli"))
        #expect((twin["document"] as? [String: Any])?["source_url"] as? String == "https://flk.npc.gov.cn/")
    }

    @Test func revokedAndDeregisteredOrganizationsCarryABannerAndBadges() throws {
        let revoked: String = try #require(
            try scalar(
                """
                SELECT o.code FROM org o JOIN credit_record c ON c.org_code = o.code WHERE o.status = '已撤销' AND c.result LIKE '%撤销%' ORDER BY o.code LIMIT 1
                """))
        let number: String = try #require(try scalar("SELECT decision_no FROM credit_record WHERE org_code = '\(revoked)' AND result LIKE '%撤销%' LIMIT 1"))
        let page = try get("/orgs/\(revoked)")
        #expect(page.text.contains("class=\"reg-banner reg-revoked\"") && page.text.contains(number))
        let body = try json(try get("/api/orgs/\(revoked)"))
        let registration = try #require(body["registration"] as? [String: Any])
        #expect(registration["kind"] as? String == "revoked" && registration["decision_no"] as? String == number)
        let deregistered: String = try #require(try scalar("SELECT code FROM org WHERE status = '已注销' ORDER BY code LIMIT 1"))
        #expect(try get("/orgs/\(deregistered)").text.contains("class=\"reg-banner reg-deregistered\""))
        // Badges in the list: 已撤销, and 证书已过期 beside 正常 when the certificate has run out.
        let expired = try scalar("SELECT CAST(count(*) AS TEXT) FROM org WHERE status = '正常' AND cert_until < date('now')").flatMap(Int.init) ?? 0
        var badges = 0
        for page in 1...15 { badges += try get("/orgs?page=\(page)").text.components(separatedBy: "badge reg-certificate_expired").count - 1 }
        #expect(badges == expired && expired > 0, "\(badges) badges for \(expired) expired certificates")
        #expect(try get("/orgs?status=%E5%B7%B2%E6%92%A4%E9%94%80").text.contains("<span data-status=\"已撤销\">已撤销</span>"))
    }

    @Test func anExpiredCertificateShowsInSearchResultsAndSuggestions() throws {
        let code: String = try #require(
            try scalar("SELECT code FROM org WHERE status = '正常' AND cert_until <> '' AND cert_until < date('now') ORDER BY code LIMIT 1"))
        let current: String = try #require(try scalar("SELECT code FROM org WHERE status = '正常' AND cert_until >= date('now') ORDER BY code LIMIT 1"))
        for (org, expired) in [(code, true), (current, false)] {
            let name: String = try #require(try scalar("SELECT name FROM org WHERE code = '\(org)'"))
            let query = try #require(name.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
            let suggestions = try #require(try json(try get("/api/suggest?q=\(query)"))["suggestions"] as? [[String: Any]])
            let suggestion = try #require(suggestions.first { $0["code"] as? String == org }, "\(name) suggested")
            #expect(suggestion["certificate_expired"] as? Bool == expired, "\(name)")
            let results = try #require(try json(try get("/api/search?q=\(query)"))["results"] as? [[String: Any]])
            let result = try #require(results.first { $0["kind"] as? String == "org" && $0["id"] as? String == org }, "\(name) found")
            #expect((result["label"] as? String)?.contains("证书已过期") == expired, "\(name): \(result["label"] ?? "")")
        }
    }

    @Test func anEmptySearchIsAStartPageAndErrorsSayWhatToDoNext() throws {
        let start = try get("/search?q=")
        #expect(start.status == 200)
        #expect(start.text.contains("可以这样检索") && start.text.contains("常用主题") && start.text.contains("href=\"/guides/"))
        let bad = try get("/orgs/BAD")
        #expect(bad.status == 400)
        #expect(!bad.text.contains("参数 code") && bad.text.contains("统一社会信用代码") && bad.text.contains("您可以"))
        #expect(bad.text.contains("<a href=\"/orgs\">在社会组织名录中按名称查找</a>"))
        let missing = try get("/no/such/page")
        #expect(missing.status == 404 && missing.text.contains("检查地址是否输错") && missing.text.contains("<a href=\"/\">回到首页</a>"))
        let year = try get("/orgs?year=3000")
        #expect(year.status == 400 && year.text.contains("成立年份应为 1900 至 2100 之间的年份。"))
        // The API keeps its short message naming the parameter.
        #expect((try json(try get("/api/orgs?year=3000"))["error"] as? [String: Any])?["message"] as? String == "参数 founded_year 无效：应为 1900 至 2100 之间的年份")
    }

    @Test func statisticsBarsLinkToTheListTheyCount() throws {
        let page = try get("/stats")
        let links = page.text.matches(of: /<a href="(\/orgs\?[^"]+)" aria-label="[^"]+，查看名单">/).map {
            String($0.1).replacingOccurrences(of: "&amp;", with: "&")
        }
        #expect(links.count >= 10, "\(links.count) bar links")
        #expect(links.contains("/orgs?type=%E7%A4%BE%E4%BC%9A%E5%9B%A2%E4%BD%93"))
        #expect(links.contains("/orgs?credit_status=serious"))
        for link in links { #expect(try get(link).status == 200, "\(link)") }
        #expect(page.text.contains("viewBox=\"0 0 360 "))
    }
}
