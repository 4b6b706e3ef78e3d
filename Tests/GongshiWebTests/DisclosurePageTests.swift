import Foundation
import GRDB
import GongshiStore
import GongshiWeb
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The transparency pages and their JSON twins, in process, on the bundled corpus.
@Suite struct DisclosurePageTests {
    func get(_ path: String, _ query: [String: String] = [:], headers: [String: String] = [:]) throws -> HTTPResponse {
        try WebTestIndex.router().handle(HTTPRequest(path: path, query: query, headers: headers))
    }

    func json(_ response: HTTPResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
    }

    /// Codes picked from the index at test time (the sample data is generated).
    func code(_ sql: String) throws -> String {
        try #require(try WebTestIndex.router().site.search.database.read { db in try String.fetchOne(db, sql: sql) })
    }

    func parsesAsXML(_ response: HTTPResponse) -> Bool {
        XMLParser(data: Data(response.body)).parse()
    }

    @Test func organizationPageAndTwinShowTheRecord() throws {
        let code = try code("SELECT org_code FROM credit_record WHERE list = '活动异常名录' AND removed_on IS NULL LIMIT 1")
        let page = try get("/orgs/\(code)")
        #expect(page.status == 200)
        let html = page.text
        #expect(html.contains("统一社会信用代码"))
        #expect(html.contains(code))
        #expect(html.contains("信用状况：<strong>列入活动异常名录</strong>") || html.contains("信用状况：<strong>列入严重违法失信名单</strong>"))
        #expect(html.contains("年度检查"))
        #expect(html.contains("适用的法规"))
        let body = try json(get("/api/orgs/\(code)"))
        #expect(body["code"] as? String == code)
        for key in ["name", "type", "authority", "legal_rep", "founded", "status", "credit_status", "credit", "inspections", "notices", "regulations"] {
            #expect(body.keys.contains(key), "key \(key)")
        }
        #expect(((body["credit"] as? [String: Any])?["abnormal"] as? [String: Any])?["current"] is [Any])
    }

    @Test func serviceCenterPageShowsEachRuleWithItsSource() throws {
        let code = try code("SELECT code FROM org WHERE center_level = '区级' AND center_staff IS NOT NULL AND center_served IS NOT NULL LIMIT 1")
        let html = try get("/orgs/\(code)").text
        #expect(html.contains("服务中心建设标准"))
        #expect(html.contains("href=\"/policies/qingpu-shehui-zuzhi-fuwu-zhongxin-2016#s3-"))
        let report = try json(get("/api/orgs/\(code)/center"))
        let results = try #require(report["results"] as? [[String: Any]])
        #expect(!results.isEmpty)
        #expect(results.allSatisfy { ["met", "not_met", "unknown", "not_applicable"].contains($0["outcome"] as? String) })
        #expect(try get("/orgs/\(code)/center").status == 301)
    }

    @Test func unknownAndMalformedCodesAreClearErrors() throws {
        // A well-formed code (valid check character) that is not in the index.
        let known = Set(try WebTestIndex.router().site.search.database.read { db in try String.fetchAll(db, sql: "SELECT code FROM org") })
        let unknown = try #require(
            (0..<100).lazy.compactMap { CreditCode.complete("5131010450\(String(format: "%07d", $0))")?.value }
                .first { !known.contains($0) })
        let missing = try get("/orgs/\(unknown)")
        #expect(missing.status == 404)
        #expect(missing.text.contains("找不到该社会组织"))
        #expect(try get("/api/orgs/\(unknown)").status == 404)
        for bad in ["BADCODE", "5131010450424677", "<script>alert(1)</script>"] {
            let response = try get("/orgs/\(bad)")
            #expect(response.status == 400, "\(bad)")
            #expect(!response.text.contains("<script>alert"))
            #expect(try json(get("/api/orgs/\(bad)"))["error"] != nil)
        }
    }

    @Test func organizationSearchFiltersExportsAndSuggests() throws {
        let all = try json(get("/api/orgs"))
        let foundations = try json(get("/api/orgs", ["type": "基金会", "limit": "100"]))
        let total = try #require(all["total"] as? Int)
        let subset = try #require(foundations["total"] as? Int)
        #expect(subset > 0 && subset < total)
        #expect((foundations["items"] as? [[String: Any]])?.allSatisfy { $0["type"] as? String == "基金会" } == true)
        let page = try get("/orgs", ["type": "基金会"])
        #expect(page.status == 200)
        #expect(page.text.contains("<option value=\"基金会\" selected>"))
        let csv = try get("/orgs", ["type": "基金会", "format": "csv"])
        #expect(csv.header("Content-Type") == "text/csv; charset=utf-8")
        #expect(csv.body.starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(csv.text.split(separator: "\r\n").count == subset + 1)
        #expect(try get("/api/orgs", ["credit_status": "bogus"]).status == 400)
        #expect(try get("/orgs", ["page": "0"]).status == 400)

        let name = try code("SELECT name FROM org WHERE status = '正常' LIMIT 1")
        let suggestions = try #require(try json(get("/api/suggest", ["q": String(name.prefix(4))]))["suggestions"] as? [[String: Any]])
        #expect(suggestions.contains { $0["name"] as? String == name } || suggestions.count == 10)
        #expect(try get("/api/suggest").status == 400)
    }

    @Test func creditListsShowCurrentEntriesAndRemovedOnRequest() throws {
        let current = try json(get("/api/credit/abnormal"))
        let all = try json(get("/api/credit/abnormal", ["removed": "1"]))
        let currentTotal = try #require(current["total"] as? Int)
        let allTotal = try #require(all["total"] as? Int)
        #expect(currentTotal > 0 && currentTotal <= allTotal)
        #expect((current["items"] as? [[String: Any]])?.allSatisfy { $0["current"] as? Bool == true } == true)
        let html = try get("/credit/serious").text
        #expect(html.contains("严重违法失信名单"))
        #expect(html.contains("aria-current=\"page\">严重违法失信名单"))
        let csv = try get("/credit/abnormal", ["format": "csv", "removed": "1"])
        #expect(csv.text.split(separator: "\r\n").count == allTotal + 1)
        #expect(try get("/api/credit/abnormal", ["year": "twenty"]).status == 400)
    }

    @Test func noticesFilterAndFeedsValidate() throws {
        let feed = try json(get("/api/notices", ["kind": "年检结果"]))
        #expect((feed["items"] as? [[String: Any]])?.allSatisfy { $0["kind"] as? String == "年检结果" } == true)
        #expect(try get("/api/notices", ["kind": "不存在的类别"]).status == 400)
        let page = try get("/notices", ["kind": "年检结果"])
        #expect(page.status == 200)
        #expect(page.text.contains("订阅（Atom）"))
        let atom = try get("/notices.atom", headers: ["Host": "gongshi.example:8080"])
        #expect(atom.header("Content-Type") == "application/atom+xml; charset=utf-8")
        #expect(parsesAsXML(atom))
        #expect(atom.text.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""))
        #expect(atom.text.contains("http://gongshi.example:8080/notices/"))
        let perKind = try get("/notices.atom", ["kind": "行政处罚"])
        #expect(parsesAsXML(perKind))
        #expect(!perKind.text.contains("<category term=\"年检结果\""))
        let id = try code("SELECT notice_id FROM notice_org LIMIT 1")
        let notice = try get("/notices/\(id)")
        #expect(notice.status == 200)
        #expect(notice.text.contains("涉及的社会组织"))
        #expect(try json(get("/api/notices/\(id)"))["organizations"] is [Any])
        #expect(try get("/notices/no-such-notice").status == 404)
    }

    @Test func sitemapAndRobots() throws {
        let sitemap = try get("/sitemap.xml", headers: ["Host": "gongshi.example"])
        #expect(sitemap.status == 200)
        #expect(parsesAsXML(sitemap))
        #expect(sitemap.text.contains("<loc>http://gongshi.example/policies/shetuan-dengji-tiaoli</loc>"))
        #expect(sitemap.text.contains("<loc>http://gongshi.example/orgs/"))
        let robots = try get("/robots.txt", headers: ["Host": "gongshi.example"])
        #expect(robots.text.contains("Sitemap: http://gongshi.example/sitemap.xml"))
        // A hostile Host header never reaches the output.
        #expect(!(try get("/sitemap.xml", headers: ["Host": "evil\"><x>"]).text.contains("evil")))
    }

    @Test func statisticsPageDrawsChartsWithTextAlternatives() throws {
        let page = try get("/stats")
        #expect(page.status == 200)
        let html = page.text
        #expect(html.contains("<svg"))
        #expect(html.contains("role=\"img\""))
        #expect(html.contains("<table"))
        let stats = try json(get("/api/stats"))
        let total = try #require(stats["total_organizations"] as? Int)
        let byType = try #require(stats["by_type"] as? [[String: Any]])
        #expect(byType.compactMap { $0["count"] as? Int }.reduce(0, +) == total)
    }
}
