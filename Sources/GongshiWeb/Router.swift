import Foundation
import GongshiSearch
import GongshiStore

/// Maps requests to handlers. Plain Swift: tests call it without a socket.
/// Handlers never throw out of here: bad input is a 400, a missing thing a 404, and
/// anything unexpected a 500 with the JSON error shape (never a crash).
public struct Router: Sendable {
    public let search: SearchEngine

    public init(search: SearchEngine) { self.search = search }

    public func handle(_ request: HTTPRequest) -> HTTPResponse {
        guard request.method == "GET" || request.method == "HEAD" else {
            var response = HTTPResponse.jsonError(405, "只支持 GET 和 HEAD 请求")
            response.headers.append(("Allow", "GET, HEAD"))
            return response
        }
        switch request.path {
        case "/healthz":
            return HTTPResponse.json(["status": "ok"])
        case "/api/search":
            return APIHandlers.search(request, engine: search)
        default:
            return HTTPResponse.jsonError(404, "找不到该地址：\(request.path)")
        }
    }
}
