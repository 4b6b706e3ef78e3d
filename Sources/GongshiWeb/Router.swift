import Foundation
import GongshiAnswers
import GongshiSearch
import GongshiStore

/// Maps requests to handlers. Plain Swift: tests call it without a socket.
/// Handlers never throw out of here: bad input is a 400, a missing thing a 404, and
/// anything unexpected a 500 with the JSON error shape or an error page (never a crash).
public struct Router: Sendable {
    public let site: Site
    /// The consultation desk's routes (/desk, /api/desk, /consult, /faq); nil without a desk database.
    public let desk: DeskRoutes?

    /// With a desk, its copy of `site` is served: every page links to the desk's public pages.
    public init(site: Site, desk: DeskRoutes? = nil) {
        self.site = desk?.site ?? site
        self.desk = desk
    }

    /// The index generation a response came from, so a mixed-version window during a
    /// rollout is visible (static files of a snapshot node carry it from start).
    public static let generationHeader = "X-Gongshi-Generation"

    public func handle(_ request: HTTPRequest) -> HTTPResponse {
        if request.method == "GET" || request.method == "HEAD",
            let file = staticFile(path: request.path, header: { request.headers[$0] })
        {
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
        let prefix = URLBuilder.Route.staticPrefix.utf8.count
        guard path.utf8.count <= 2048, path.utf8.count > prefix, path.hasPrefix(URLBuilder.Route.staticPrefix) else { return nil }
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
            let gzipped = StaticFiles.gzip(response.body, level: 5)
        else { return response }
        var out = response
        out.body = gzipped
        out.headers.append(("Content-Encoding", "gzip"))
        out.headers.append(("Vary", "Accept-Encoding"))
        return out
    }

    /// Every route, and the one place errors become responses (`ErrorResponder`): the
    /// API and the Atom feed answer with the JSON error shape, pages with the error page.
    private func route(_ request: HTTPRequest) -> HTTPResponse {
        let form: ErrorResponder.Form = request.path.hasPrefix(URLBuilder.Route.apiPrefix) || request.path == URLBuilder.Route.noticeFeed ? .json : .html
        do {
            return try dispatch(request)
        } catch {
            return site.errors.response(error, to: request, form: form)
        }
    }

    private func dispatch(_ request: HTTPRequest) throws -> HTTPResponse {
        if request.path.utf8.count <= 2048, let desk, let response = try desk.route(request) { return response }
        guard request.method == "GET" || request.method == "HEAD" else {
            let isAPI = request.path.hasPrefix(URLBuilder.Route.apiPrefix)
            throw HTTPProblem(405, "不支持的请求方法", isAPI ? "只支持 GET 和 HEAD 请求" : "本站只支持 GET 和 HEAD 请求。", headers: [("Allow", "GET, HEAD")])
        }
        guard request.path.utf8.count <= 2048 else {
            throw HTTPProblem(414, "地址过长", request.path.hasPrefix(URLBuilder.Route.apiPrefix) ? "地址过长" : "请求的地址过长。")
        }
        // Made for the route taken only: each holds a copy of the site (a retain and a
        // release of every part per controller and request).
        var search: SearchController { SearchController(site: site) }
        var policies: PolicyController { PolicyController(site: site) }
        var ask: AskController { AskController(site: site) }
        var orgs: OrgController { OrgController(site: site) }
        var credit: CreditController { CreditController(site: site) }
        var notices: NoticeController { NoticeController(site: site) }
        var stats: StatsController { StatsController(site: site) }
        var sitemap: SitemapController { SitemapController(site: site) }
        switch request.path {
        case URLBuilder.Route.home: return try HomeController(site: site).page(request)
        case URLBuilder.Route.search: return try search.page(request)
        case URLBuilder.Route.apiSearch: return try search.json(request)
        case URLBuilder.Route.policies: return try policies.page(request)
        case URLBuilder.Route.apiPolicies: return try policies.json(request)
        case URLBuilder.Route.ask: return try ask.page(request)
        case URLBuilder.Route.apiAsk: return try ask.json(request)
        case URLBuilder.Route.organizations: return try orgs.page(request)
        case URLBuilder.Route.apiOrganizations: return try orgs.json(request)
        case URLBuilder.Route.suggest: return try orgs.suggestJSON(request)
        case URLBuilder.Route.creditAbnormal: return try credit.page(request, kind: .abnormal)
        case URLBuilder.Route.creditSerious: return try credit.page(request, kind: .serious)
        case URLBuilder.Route.apiCreditAbnormal: return try credit.json(request, kind: .abnormal)
        case URLBuilder.Route.apiCreditSerious: return try credit.json(request, kind: .serious)
        case URLBuilder.Route.notices: return try notices.page(request)
        case URLBuilder.Route.apiNotices: return try notices.json(request)
        case URLBuilder.Route.noticeFeed: return try notices.atom(request)
        case URLBuilder.Route.statistics: return try stats.page(request)
        case URLBuilder.Route.apiStatistics: return try stats.json(request)
        case URLBuilder.Route.sitemap: return try sitemap.sitemap(request, part: nil)
        case URLBuilder.Route.robots: return sitemap.robots(request)
        case URLBuilder.Route.preferences: return try PreferencesController().update(request)
        case URLBuilder.Route.health: return ServiceController(site: site).health()
        case URLBuilder.Route.metrics: return ServiceController(site: site).metrics()
        case URLBuilder.Route.apiDescription: return try ServiceController(site: site).openAPI()
        case URLBuilder.Route.apiReference: return try APIController(site: site, answer: { handle($0) }).page(request)
        case "/api": return .redirect(URLBuilder.Route.apiReference, status: 301)
        case URLBuilder.Route.guides: return try GuideController(site: site).page(request)
        case URLBuilder.Route.apiGuides: return try GuideController(site: site).json(request)
        case URLBuilder.Route.data: return .redirect(URLBuilder.Prefix.data, status: 301)
        default: break
        }
        if request.path.hasPrefix(URLBuilder.Prefix.data) { return try DataController(site: site).handle(request) }
        typealias P = URLBuilder.Prefix
        if let id = Self.suffix(request.path, after: P.policy) { return try policies.itemPage(request, id: id) }
        if let id = Self.suffix(request.path, after: P.apiPolicy) { return try policies.itemJSON(id: id) }
        if let rest = Self.suffix(request.path, after: P.organization) {
            if rest.hasSuffix(P.centerSuffix) { return orgs.centerPage(code: String(rest.dropLast(P.centerSuffix.count))) }
            return try orgs.itemPage(request, code: rest)
        }
        if let rest = Self.suffix(request.path, after: P.apiOrganization) {
            if rest.hasSuffix(P.centerSuffix) { return try orgs.centerJSON(code: String(rest.dropLast(P.centerSuffix.count))) }
            return try orgs.itemJSON(code: rest)
        }
        if let id = Self.suffix(request.path, after: P.guide) { return try GuideController(site: site).itemPage(request, id: id) }
        if let id = Self.suffix(request.path, after: P.apiGuide) { return try GuideController(site: site).itemJSON(id: id) }
        if let id = Self.suffix(request.path, after: P.notice) { return try notices.itemPage(request, id: id) }
        if let id = Self.suffix(request.path, after: P.apiNotice) { return try notices.itemJSON(id: id) }
        if request.path.hasPrefix(URLBuilder.Route.sitemapPartPrefix), request.path.hasSuffix(URLBuilder.Route.sitemapPartSuffix),
            let part = Int(request.path.dropFirst(URLBuilder.Route.sitemapPartPrefix.count).dropLast(URLBuilder.Route.sitemapPartSuffix.count))
        {
            return try sitemap.sitemap(request, part: part)
        }
        if request.path.hasPrefix(URLBuilder.Route.apiPrefix) { throw HTTPProblem.notFound(message: "找不到该接口：\(request.path)") }
        throw HTTPProblem.notFound(message: "您访问的地址不存在，可能已被移除。")
    }

    /// The non-empty rest of `path` after `prefix`.
    static func suffix(_ path: String, after prefix: String) -> String? {
        guard path.hasPrefix(prefix), path.count > prefix.count else { return nil }
        return String(path.dropFirst(prefix.count))
    }
}
