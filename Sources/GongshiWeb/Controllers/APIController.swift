import Foundation
import GongshiStore

/// `/api/`: the API described for people. Each example request is answered by the site
/// itself (the same router, in process) and the start of its response shown, so the page
/// never shows a field the API does not send. The examples are kept per index generation.
struct APIController {
    let site: Site
    /// Answers an example request as a client would get it.
    let answer: (HTTPRequest) -> HTTPResponse

    /// Lines of an example response shown before "…".
    static let maxLines = 40
    private static let cache = Locked<(generation: Int64?, examples: [String: String])?>(nil)

    /// GET /api/
    func page(_ request: HTTPRequest) throws -> HTTPResponse {
        try site.pages.render(model(), page: PageContext(request))
    }

    func model() -> APIPage {
        let examples = self.examples()
        return APIPage(
            endpoints: APIReference.endpoints.map { e in
                APIPage.Endpoint(
                    anchor: e.anchor, method: e.method, path: e.path, title: e.title, description: e.description,
                    page: e.page.flatMap { $0.contains("{") ? nil : $0 }, parameters: e.parameters,
                    hasParameters: !e.parameters.isEmpty, example: e.example, response: e.example.flatMap { examples[$0] }, note: e.note)
            }, openapiURL: URLBuilder.Route.apiDescription)
    }

    /// The abridged response of every example, by its request.
    func examples() -> [String: String] {
        let generation = site.node.generation
        if let cached = Self.cache.value, cached.generation == generation { return cached.examples }
        var out: [String: String] = [:]
        for endpoint in APIReference.endpoints {
            guard let example = endpoint.example else { continue }
            let response = answer(Self.request(example))
            guard response.status == 200, let text = Self.pretty(response.body) else { continue }
            out[example] = text
        }
        Self.cache.value = (generation, out)
        return out
    }

    /// `path?k=v&…` as the server would parse it.
    static func request(_ target: String) -> HTTPRequest {
        let parts = target.split(separator: "?", maxSplits: 1).map(String.init)
        var query: [String: String] = [:]
        for pair in (parts.count > 1 ? parts[1] : "").split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
            query[kv[0].removingPercentEncoding ?? kv[0]] = kv.count > 1 ? (kv[1].removingPercentEncoding ?? kv[1]) : ""
        }
        return HTTPRequest(path: parts[0], query: query)
    }

    /// Indented JSON, cut after `maxLines` lines.
    static func pretty(_ body: [UInt8]) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)),
            let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        else { return nil }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        return lines.count <= maxLines ? lines.joined(separator: "\n") : lines.prefix(maxLines).joined(separator: "\n") + "\n  …（以下从略）"
    }
}
