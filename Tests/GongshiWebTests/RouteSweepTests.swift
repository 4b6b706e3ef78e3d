import Foundation
import GongshiWeb
import Testing

/// Issue 17, finding 1: the facet links the results page shows (`type=policy|article` with
/// a query) answered 500. Every route × every parameter, with values from the index itself
/// and from a hostile list, must answer below 500.
@Suite struct RouteSweepTests {
    @Test func facetLinksOfTheResultsPageAnswer() throws {
        let router = try WebTestIndex.router()
        for type in ["policy", "article"] {
            for path in ["/search", "/api/search"] {
                let response = router.handle(HTTPRequest(path: path, query: ["q": "社会团体", "type": type, "facets": "1"]))
                #expect(response.status == 200, "\(path)?type=\(type) → \(response.status)")
            }
        }
    }

    @Test func everyRouteAndParameterAnswersBelow500() throws {
        let router = try WebTestIndex.router()
        let requests = RouteSweep.requests(thorough: false) { path, query in
            let response = router.handle(HTTPRequest(path: path, query: Dictionary(query, uniquingKeysWith: { _, b in b })))
            return (response.status, response.body)
        }
        #expect(requests.count > 3_000, "the sweep drew \(requests.count) requests")
        var failures: [String] = []
        for request in requests {
            let response = router.handle(HTTPRequest(path: request.path, query: Dictionary(request.query, uniquingKeysWith: { _, b in b })))
            if response.status >= 500 { failures.append("\(request) → \(response.status)") }
        }
        #expect(failures.isEmpty, "\(failures.count) of \(requests.count) answered ≥ 500, e.g. \(failures.prefix(5))")
    }
}
