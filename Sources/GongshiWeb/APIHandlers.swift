import Foundation
import GongshiSearch

/// The JSON API handlers.
enum APIHandlers {
    /// GET /api/search?q=&type=&page=&limit=
    static func search(_ request: HTTPRequest, engine: SearchEngine) -> HTTPResponse {
        let query = request.query["q"] ?? ""
        guard !query.trimmingCharacters(in: .whitespaces).isEmpty else {
            return .jsonError(400, "缺少检索词参数 q")
        }
        guard query.count <= SearchRequest.maxQueryCharacters else {
            return .jsonError(400, "检索词过长（最多 \(SearchRequest.maxQueryCharacters) 个字符）")
        }
        var kind: SearchRequest.Kind?
        if let type = request.query["type"], !type.isEmpty {
            guard let parsed = SearchRequest.Kind(rawValue: type) else {
                return .jsonError(400, "type 应为 policy、article、org、credit 或 notice")
            }
            kind = parsed
        }
        let limit = Int(request.query["limit"] ?? "10") ?? -1
        guard (1...SearchRequest.maxLimit).contains(limit) else { return .jsonError(400, "limit 应在 1 到 100 之间") }
        let page = Int(request.query["page"] ?? "1") ?? -1
        guard (1...100).contains(page) else { return .jsonError(400, "page 应在 1 到 100 之间") }
        do {
            let response = try engine.search(SearchRequest(query: query, kind: kind, limit: limit, offset: (page - 1) * limit))
            return .json(response)
        } catch {
            switch error {
            case .invalidQuery(let why): return .jsonError(400, why)
            case .store: return .jsonError(500, "检索服务暂时不可用")
            }
        }
    }
}
