import Foundation
import GongshiWeb
import Testing

/// Whatever a user sends, no route answers 500 and nothing they typed comes back as markup.
@Suite struct HostileInputTests {
    static let paths = [
        "/", "/search", "/policies", "/ask", "/orgs", "/credit/abnormal", "/credit/serious", "/notices", "/notices.atom", "/stats",
        "/api/search", "/api/policies", "/api/ask", "/api/orgs", "/api/suggest", "/api/credit/abnormal", "/api/notices", "/api/stats",
    ]
    static let values = [
        "<script>alert(1)</script>", "\"", "'", "NEAR(a b)", "*", "(", "\u{0}", "\u{FFFD}", String(repeating: "长", count: 5_000),
        "-1", "0", "99999999999999999999", "../../etc/passwd", "%00", "' OR 1=1 --", "2024-13-45", "none", "𠀀𠀁",
    ]
    static let parameters = [
        "q", "type", "page", "limit", "level", "issuer", "status", "year", "name", "grade", "credit_status",
        "authority", "region", "kind", "from", "to", "removed", "format", "facets", "center_level",
    ]

    @Test(arguments: paths)
    func noServerErrors(path: String) throws {
        let router = try WebTestIndex.router()
        for value in Self.values {
            for parameter in Self.parameters {
                var query = ["q": "社会"]
                query[parameter] = value
                let response = router.handle(HTTPRequest(path: path, query: query))
                #expect(response.status < 500, "\(path)?\(parameter)=\(value.prefix(40)) → \(response.status)")
                if response.header("Content-Type")?.hasPrefix("text/html") == true {
                    #expect(!response.text.contains("<script>alert(1)"), "\(path)?\(parameter)")
                }
            }
        }
    }

    @Test(arguments: ["/orgs/", "/api/orgs/", "/notices/", "/api/notices/", "/policies/", "/api/policies/", "/static/"])
    func hostilePathSegments(prefix: String) throws {
        let router = try WebTestIndex.router()
        for value in Self.values {
            let response = router.handle(HTTPRequest(path: prefix + value))
            #expect(response.status < 500, "\(prefix)\(value.prefix(40)) → \(response.status)")
            // JSON may echo the input as data (application/json, nosniff); pages must not.
            if response.header("Content-Type")?.hasPrefix("text/html") == true {
                #expect(!response.text.contains("<script>alert(1)"), "\(prefix)")
            }
        }
    }
}
