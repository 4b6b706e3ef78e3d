import GongshiWeb
import Testing

/// A page number past the last page answers with a page (an empty list and the bar of the
/// last pages): building the bar used to trap on an empty range and take the server down.
@Suite struct PaginationTests {
    @Test(arguments: [
        ("/orgs", ["page": "500"]), ("/notices", ["page": "900"]), ("/credit/abnormal", ["page": "999"]),
        ("/search", ["q": "民政", "page": "100"]), ("/policies", ["page": "10000"]),
    ])
    func pagesPastTheLastOneAreAnswered(path: String, query: [String: String]) throws {
        let response = try WebTestIndex.router().handle(HTTPRequest(path: path, query: query))
        #expect(response.status == 200, "\(path) \(query)")
    }
}
