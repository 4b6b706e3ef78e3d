import Foundation
import GongshiSearch

/// The JSON API: the twins of the HTML pages, built from the same values.
struct APIHandlers {
    let site: Site

    /// GET /api/search?q=&type=&page=&limit=&level=…&facets=1
    func search(_ request: HTTPRequest) -> HTTPResponse {
        let parsed: SearchParameters
        switch SearchParameters.parse(request) {
        case .success(let p): parsed = p
        case .failure(let problem): return .jsonError(400, problem.message)
        }
        guard !parsed.query.isEmpty else { return .jsonError(400, "缺少检索词参数 q") }
        do {
            let response = try site.search.search(parsed.request)
            guard request.query["facets"] == "1" else { return .json(encoded: SearchResponseBody(response).jsonBytes()) }
            return .json(SearchPageBody(response: SearchResponseBody(response), facets: try site.search.facets(parsed.request)))
        } catch {
            switch error {
            case .invalidQuery(let why): return .jsonError(400, why)
            case .store: return .jsonError(500, "检索服务暂时不可用")
            }
        }
    }

    /// GET /api/policies?level=&issuer=&status=&year=&kind=&page=&limit=
    func policies(_ request: HTTPRequest) -> HTTPResponse {
        let parsed: PolicyParameters
        switch PolicyParameters.parse(request) {
        case .success(let p): parsed = p
        case .failure(let problem): return .jsonError(400, problem.message)
        }
        do { return .json(PolicyListBody(try site.catalog.list(parsed.filter, page: parsed.page, pageSize: parsed.pageSize))) } catch {
            return .jsonError(500, "读取索引时出错")
        }
    }

    /// GET /api/policies/{id}
    func policy(id: String) -> HTTPResponse {
        guard PolicyParameters.validID(id) else { return .jsonError(400, "文件编号不合法") }
        do {
            guard let page = try site.catalog.document(id: id) else { return .jsonError(404, "没有编号为“\(id)”的政策法规") }
            return .json(PolicyPageBody(page))
        } catch {
            return .jsonError(500, "读取索引时出错")
        }
    }

    /// GET /api/openapi.json: the API description bundled with this target.
    func openAPI() -> HTTPResponse {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json", subdirectory: "Resources"),
              let data = try? Data(contentsOf: url) else { return .jsonError(500, "接口描述文件缺失") }
        return HTTPResponse(status: 200, headers: [("Content-Type", "application/json; charset=utf-8"), ("Cache-Control", "public, max-age=3600")]
                            + HTTPResponse.securityHeaders, body: Array(data))
    }
}
