import Foundation

/// What the service says about itself: /healthz and the API description /api/openapi.json.
struct ServiceController {
    /// GET /healthz
    func health() -> HTTPResponse { .json(["status": "ok"]) }

    /// GET /api/openapi.json: the API description bundled with this target.
    func openAPI() throws -> HTTPResponse {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json", subdirectory: "Resources") else {
            throw WebError("the API description is missing from the build (GongshiWeb resources)")
        }
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw WebError("cannot read the API description: \(error)", path: url.path) }
        return HTTPResponse(status: 200, headers: [("Content-Type", "application/json; charset=utf-8"), ("Cache-Control", "public, max-age=3600")]
                            + HTTPResponse.securityHeaders, body: Array(data))
    }
}
