import Foundation

/// What the service says about itself: /healthz, /metrics and the API description
/// /api/openapi.json.
struct ServiceController {
    let site: Site

    /// GET /healthz: status, generation and counts of this node.
    func health() -> HTTPResponse { .json(site.node.health()) }

    /// GET /metrics: Prometheus text.
    func metrics() -> HTTPResponse {
        HTTPResponse(
            status: 200, headers: [("Content-Type", "text/plain; version=0.0.4; charset=utf-8"), ("Cache-Control", "no-store")],
            body: site.node.metrics.render())
    }

    /// GET /api/openapi.json: the API description bundled with this target.
    func openAPI() throws -> HTTPResponse {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json", subdirectory: "Resources") else {
            throw WebError("the API description is missing from the build (GongshiWeb resources)")
        }
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw WebError("cannot read the API description: \(error)", path: url.path) }
        return HTTPResponse(
            status: 200,
            headers: [("Content-Type", "application/json; charset=utf-8"), ("Cache-Control", "public, max-age=3600")]
                + HTTPResponse.securityHeaders, body: Array(data))
    }
}
