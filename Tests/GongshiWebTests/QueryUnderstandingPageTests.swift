import Foundation
import GongshiWeb
import Testing

/// Issue 13 on the pages: the relaxation notice and 您是不是要找 on /search, the JSON
/// fields on /api/search, and 未找到 ≠ 未列入 on the credit lists.
@Suite struct QueryUnderstandingPageTests {
    func get(_ path: String, _ query: [String: String] = [:]) throws -> HTTPResponse {
        try WebTestIndex.router().handle(HTTPRequest(path: path, query: query))
    }

    @Test func searchPageSaysWhichWordsWereLeftOut() throws {
        let page = try get("/search", ["q": "成立协会多久报销"])
        #expect(page.status == 200)
        #expect(page.text.contains("未找到同时包含“成立”“协会”“多久”“报销”的结果，以下结果包含“成立”“协会”“多久”"))
    }

    @Test func searchPageAndAPIOfferTheNameMeant() throws {
        let page = try get("/search", ["q": "法律服物工作者协会"])
        #expect(page.text.contains("您是不是要找：<a href=\"/search?q="))
        #expect(page.text.contains("青浦区法律服务工作者协会</a>"))
        let api = try get("/api/search", ["q": "法律服物工作者协会"])
        let body = try #require(try JSONSerialization.jsonObject(with: Data(api.body)) as? [String: Any])
        #expect(body["suggestion"] as? String == "青浦区法律服务工作者协会")
        #expect(body["relaxed"] is [String])
    }

    @Test func emptyCreditListByNameIsNotANotListedAnswer() throws {
        let page = try get("/credit/serious", ["name": "不存在的协会"])
        #expect(page.status == 200)
        #expect(page.text.contains("未找到不等于未列入"))
        #expect(page.text.contains("href=\"/search?q="))
        #expect(!page.text.contains("没有符合条件的记录"))
        // The organization that is listed is found by the words of its name.
        let listed = try get("/credit/serious", ["name": "法律服务协会"])
        #expect(listed.text.contains("青浦区法律服务工作者协会"))
    }
}
