import Foundation
import GongshiWeb
import Testing

/// Handlers called in process, without a socket.
@Suite struct RouterTests {
    func json(_ response: HTTPResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
    }

    @Test func healthz() throws {
        let response = try WebTestIndex.router().handle(HTTPRequest(path: "/healthz"))
        #expect(response.status == 200)
        #expect(try json(response)["status"] as? String == "ok")
    }

    @Test func apiSearchReturnsTheContract() throws {
        let response = try WebTestIndex.router().handle(HTTPRequest(path: "/api/search", query: ["q": "原始基金"]))
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "application/json; charset=utf-8")
        #expect(response.header("X-Content-Type-Options") == "nosniff")
        #expect(response.header("Content-Security-Policy") != nil)
        let body = try json(response)
        #expect(body["query"] as? String == "原始基金")
        let results = try #require(body["results"] as? [[String: Any]])
        #expect(results.contains { $0["title"] as? String == "基金会管理条例" })
    }

    /// Every error of the API has one shape: {"error": {"status", "message"}}.
    static let errorCases: [(HTTPRequest, Int)] = [
        (HTTPRequest(path: "/api/search"), 400),
        (HTTPRequest(path: "/api/search", query: ["q": "民政", "type": "bogus"]), 400),
        (HTTPRequest(path: "/api/search", query: ["q": "民政", "limit": "0"]), 400),
        (HTTPRequest(path: "/api/search", query: ["q": "民政", "page": "x"]), 400),
        (HTTPRequest(path: "/api/search", query: ["q": String(repeating: "民", count: 300)]), 400),
        (HTTPRequest(path: "/api/nothing"), 404),
        (HTTPRequest(path: "/api/policies/no-such-document"), 404),
        (HTTPRequest(path: "/api/policies", query: ["limit": "1000"]), 400),
        (HTTPRequest(path: "/api/ask"), 400),
        (HTTPRequest(path: "/api/ask", query: ["q": "问", "limit": "0"]), 400),
        (HTTPRequest(path: "/api/orgs", query: ["credit_status": "bogus"]), 400),
        (HTTPRequest(path: "/api/orgs/NOT-A-CODE"), 400),
        (HTTPRequest(path: "/api/orgs/NOT-A-CODE/center"), 400),
        (HTTPRequest(path: "/api/suggest"), 400),
        (HTTPRequest(path: "/api/credit/abnormal", query: ["year": "x"]), 400),
        (HTTPRequest(path: "/api/notices", query: ["kind": "x"]), 400),
        (HTTPRequest(path: "/api/notices", query: ["from": "2024-13-45"]), 400),
        (HTTPRequest(path: "/api/notices/no-such-notice"), 404),
        (HTTPRequest(method: "POST", path: "/api/search"), 405),
    ]

    @Test(arguments: errorCases)
    func errorsHaveOneShape(request: HTTPRequest, status: Int) throws {
        let response = try WebTestIndex.router().handle(request)
        #expect(response.status == status)
        let error = try #require(try json(response)["error"] as? [String: Any])
        #expect(error["status"] as? Int == status)
        #expect((error["message"] as? String)?.isEmpty == false)
    }

    @Test(arguments: ["\"", "NEAR(", "*", "<script>alert(1)</script>", "\u{0}", "'; DROP TABLE org; --"])
    func hostileQueriesAreNeverServerErrors(q: String) throws {
        let response = try WebTestIndex.router().handle(HTTPRequest(path: "/api/search", query: ["q": q]))
        #expect(response.status == 200 || response.status == 400)
        // The JSON echoes the query as data; snippets, which pages insert as HTML, are escaped.
        let body = try json(response)
        for result in body["results"] as? [[String: Any]] ?? [] {
            #expect(!((result["snippet"] as? String) ?? "").contains("<script>"))
        }
    }
}
