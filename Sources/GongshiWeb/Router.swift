import Foundation
import GongshiSearch
import GongshiAnswers
import GongshiStore

/// Maps requests to handlers. Plain Swift: tests call it without a socket.
/// Handlers never throw out of here: bad input is a 400, a missing thing a 404, and
/// anything unexpected a 500 with the JSON error shape or an error page (never a crash).
public struct Router: Sendable {
    public let site: Site
    /// The consultation desk's routes (/desk, /api/desk, /consult, /faq); nil without a desk database.
    public let desk: DeskRoutes?

    public init(site: Site, desk: DeskRoutes? = nil) {
        self.site = site
        self.desk = desk
    }

    /// The index generation a response came from, so a mixed-version window during a
    /// rollout is visible (static files of a snapshot node carry it from start).
    public static let generationHeader = "X-Gongshi-Generation"

    public func handle(_ request: HTTPRequest) -> HTTPResponse {
        if request.method == "GET" || request.method == "HEAD",
           let file = staticFile(path: request.path, header: { request.headers[$0] }) {
            return file
        }
        var response = Self.compressed(route(request), for: request)
        if let generation = site.node.generation { response.headers.append((Self.generationHeader, String(generation))) }
        return response
    }

    /// The static-file route alone, for a GET or HEAD of `path`: the server tries it before
    /// it builds an `HTTPRequest`, as most requests are for these files and they are answered
    /// from responses prepared at start. Nil when `path` is no static file (`handle` then
    /// answers, with a 404). `header` gives a request header by its lower-case name. No
    /// `compressed` here: a file comes with its own gzip form when that is smaller.
    func staticAnswer(path: String, header: (String) -> String?) -> StaticFiles.Answer? {
        // By UTF-8 bytes rather than characters (as `suffix` does): cheaper, and the same
        // here since the prefix is ASCII and ends with "/".
        let prefix = "/static/".utf8.count
        guard path.utf8.count <= 2048, path.utf8.count > prefix, path.hasPrefix("/static/") else { return nil }
        return site.files.answer(relativePath: String(Substring(path.utf8.dropFirst(prefix))), header: header)
    }

    /// The response of `staticAnswer`.
    func staticFile(path: String, header: (String) -> String?) -> HTTPResponse? {
        staticAnswer(path: path, header: header).map { site.files.response($0) }
    }

    /// Pages and JSON over 2 KB go gzipped to clients that accept it (a policy page shrinks
    /// to about a quarter: it matters on the slow mobile links many older users have).
    static func compressed(_ response: HTTPResponse, for request: HTTPRequest) -> HTTPResponse {
        guard response.body.count > 2048, response.header("Content-Encoding") == nil,
              let type = response.header("Content-Type"), type.hasPrefix("text/html") || type.hasPrefix("application/json"),
              StaticFiles.acceptsGzip(request.headers["accept-encoding"]),
              let gzipped = StaticFiles.gzip(response.body, level: 5) else { return response }
        var out = response
        out.body = gzipped
        out.headers.append(("Content-Encoding", "gzip"))
        out.headers.append(("Vary", "Accept-Encoding"))
        return out
    }

    private func route(_ request: HTTPRequest) -> HTTPResponse {
        if request.path.utf8.count <= 2048, let desk, let response = desk.route(request) { return response }
        let isAPI = request.path.hasPrefix("/api/")
        guard request.method == "GET" || request.method == "HEAD" else {
            var response = isAPI ? HTTPResponse.jsonError(405, "只支持 GET 和 HEAD 请求")
                                 : pages.errorPage(405, "不支持的请求方法", "本站只支持 GET 和 HEAD 请求。", request)
            response.headers.append(("Allow", "GET, HEAD"))
            return response
        }
        guard request.path.utf8.count <= 2048 else {
            return isAPI ? .jsonError(414, "地址过长") : pages.errorPage(414, "地址过长", "请求的地址过长。", request)
        }
        let api = APIHandlers(site: site)
        switch request.path {
        case "/": return pages.home(request)
        case "/search": return pages.search(request)
        case "/policies": return pages.policies(request)
        case "/ask": return AskPage(site: site).page(request)
        case "/api/ask": return AskPage(site: site).api(request)
        case "/prefs": return preferences(request)
        case "/healthz": return .json(site.node.health())
        case "/metrics": return HTTPResponse(status: 200, headers: [("Content-Type", "text/plain; version=0.0.4; charset=utf-8"), ("Cache-Control", "no-store")],
                                             body: site.node.metrics.render())
        case "/robots.txt": return disclosure.robots(request)
        case "/orgs": return disclosure.organizations(request)
        case "/credit/abnormal": return disclosure.credit(request, kind: .abnormal)
        case "/credit/serious": return disclosure.credit(request, kind: .serious)
        case "/notices": return disclosure.notices(request)
        case "/notices.atom": return disclosure.atom(request)
        case "/stats": return disclosure.statistics(request)
        case "/sitemap.xml": return disclosure.sitemap(request, part: nil)
        case "/api/orgs": return disclosureAPI.organizations(request)
        case "/api/suggest": return disclosureAPI.suggest(request)
        case "/api/credit/abnormal": return disclosureAPI.credit(request, kind: .abnormal)
        case "/api/credit/serious": return disclosureAPI.credit(request, kind: .serious)
        case "/api/notices": return disclosureAPI.notices(request)
        case "/api/stats": return disclosureAPI.statistics()
        case "/api/search": return api.search(request)
        case "/api/policies": return api.policies(request)
        case "/api/openapi.json": return api.openAPI()
        default: break
        }
        if request.path.hasPrefix("/data/") { return DataPages(site: site).handle(request) }
        if request.path == "/data" { return .redirect("/data/", status: 301) }
        if let id = Self.suffix(request.path, after: "/policies/") { return pages.policy(request, id: id) }
        if let id = Self.suffix(request.path, after: "/api/policies/") { return api.policy(id: id) }
        if let rest = Self.suffix(request.path, after: "/orgs/") {
            if rest.hasSuffix("/center") { return .redirect("/orgs/\(URLBuilder.component(String(rest.dropLast(7))))#center", status: 301) }
            return disclosure.organization(request, code: rest)
        }
        if let rest = Self.suffix(request.path, after: "/api/orgs/") {
            if rest.hasSuffix("/center") { return disclosureAPI.serviceCenter(code: String(rest.dropLast(7))) }
            return disclosureAPI.organization(code: rest)
        }
        if let id = Self.suffix(request.path, after: "/notices/") { return disclosure.notice(request, id: id) }
        if let id = Self.suffix(request.path, after: "/api/notices/") { return disclosureAPI.notice(id: id) }
        if request.path.hasPrefix("/sitemap-"), request.path.hasSuffix(".xml"),
           let part = Int(request.path.dropFirst("/sitemap-".count).dropLast(4)) {
            return disclosure.sitemap(request, part: part)
        }
        return isAPI ? .jsonError(404, "找不到该接口：\(request.path)")
                     : pages.errorPage(404, "找不到该页面", "您访问的地址不存在，可能已被移除。", request)
    }

    private var pages: PageHandlers { PageHandlers(site: site) }
    private var disclosure: DisclosurePages { DisclosurePages(site: site) }
    private var disclosureAPI: DisclosureAPI { DisclosureAPI(site: site) }

    /// The non-empty rest of `path` after `prefix`.
    static func suffix(_ path: String, after prefix: String) -> String? {
        guard path.hasPrefix(prefix), path.count > prefix.count else { return nil }
        return String(path.dropFirst(prefix.count))
    }

    /// GET /prefs?font=large|normal&contrast=high|normal&back=/path — stores the reading
    /// preferences in a cookie and goes back, so the toggles work without JavaScript.
    func preferences(_ request: HTTPRequest) -> HTTPResponse {
        var preferences = Preferences(cookieHeader: request.headers["cookie"])
        switch request.query["font"] {
        case "large": preferences.largeFont = true
        case "normal": preferences.largeFont = false
        case nil: break
        default: return pages.errorPage(400, "请求有误", "font 应为 large 或 normal。", request)
        }
        switch request.query["contrast"] {
        case "high": preferences.highContrast = true
        case "normal": preferences.highContrast = false
        case nil: break
        default: return pages.errorPage(400, "请求有误", "contrast 应为 high 或 normal。", request)
        }
        return .redirect(URLBuilder.safeLocalPath(request.query["back"]), headers: [("Set-Cookie", preferences.setCookieHeader)])
    }
}
