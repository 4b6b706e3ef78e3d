import Foundation
import GongshiStore

/// The one place that knows the site's addresses: the routes' path prefixes (which the
/// router matches), the page of each record the engines point to (`RecordRef`), query
/// strings with percent-encoded values, and the current address for links back to it.
public enum URLBuilder {
    /// The site's fixed paths: the router's table and every link to them.
    public enum Route {
        public static let home = "/"
        public static let search = "/search"
        public static let apiSearch = "/api/search"
        public static let policies = "/policies"
        public static let apiPolicies = "/api/policies"
        public static let ask = "/ask"
        public static let apiAsk = "/api/ask"
        public static let organizations = "/orgs"
        public static let apiOrganizations = "/api/orgs"
        public static let suggest = "/api/suggest"
        public static let creditAbnormal = "/credit/abnormal"
        public static let creditSerious = "/credit/serious"
        public static let apiCreditAbnormal = "/api/credit/abnormal"
        public static let apiCreditSerious = "/api/credit/serious"
        public static let notices = "/notices"
        public static let apiNotices = "/api/notices"
        public static let noticeFeed = "/notices.atom"
        public static let statistics = "/stats"
        public static let apiStatistics = "/api/stats"
        public static let sitemap = "/sitemap.xml"
        public static let robots = "/robots.txt"
        public static let preferences = "/prefs"
        public static let health = "/healthz"
        public static let metrics = "/metrics"
        /// The open-data downloads of a snapshot node (`/data/` and the files under it).
        public static let data = "/data"
        public static let faq = "/faq"
        public static let apiFAQ = "/api/faq"
        public static let consult = "/consult"
        public static let desk = "/desk"
        public static let deskLogin = "/desk/login"
        public static let deskLogout = "/desk/logout"
        public static let deskNew = "/desk/new"
        public static let deskStatistics = "/desk/stats"
        public static let deskAudit = "/desk/audit"
        public static let deskExport = "/desk/export.csv"
        public static let apiDesk = "/api/desk"
        public static let apiDeskConsultations = "/api/desk/consultations"
        public static let apiDeskStatistics = "/api/desk/stats"
        public static let apiDeskAudit = "/api/desk/audit"
        public static let apiDeskExport = "/api/desk/export.csv"
        public static let apiDeskMe = "/api/desk/me"
        public static let apiDescription = "/api/openapi.json"
        /// The API described for people (every endpoint with an example).
        public static let apiReference = "/api/"
        public static let guides = "/guides"
        public static let apiGuides = "/api/guides"
        /// Everything under it answers JSON, errors included.
        public static let apiPrefix = "/api/"
        public static let staticPrefix = "/static/"
        /// `/sitemap-{n}.xml`.
        public static let sitemapPartPrefix = "/sitemap-"
        public static let sitemapPartSuffix = ".xml"

        /// `/credit/abnormal` or `/credit/serious`; `api` for the JSON twin.
        public static func credit(_ list: String, api: Bool = false) -> String { (api ? "/api" : "") + "/credit/" + list }
    }

    /// Path prefixes of the pages of one record; the router matches the same ones.
    public enum Prefix {
        public static let policy = "/policies/"
        public static let organization = "/orgs/"
        public static let notice = "/notices/"
        public static let apiPolicy = "/api/policies/"
        public static let apiOrganization = "/api/orgs/"
        public static let apiNotice = "/api/notices/"
        public static let guide = "/guides/"
        public static let apiGuide = "/api/guides/"
        public static let data = "/data/"
        /// `/consult/{receipt}`: a citizen's question and its reply.
        public static let receipt = "/consult/"
        /// `/desk/{id}` and `/desk/{id}/print`.
        public static let deskConsultation = "/desk/"
        public static let apiDeskConsultation = "/api/desk/consultations/"
        /// `/orgs/{code}/center`, `/api/orgs/{code}/center`.
        public static let centerSuffix = "/center"
        /// The section of the organization page with the service-center report.
        public static let centerFragment = "center"
    }

    /// The page of a record. Ids and codes are written as they are (document ids are
    /// file names, codes are checked), as the JSON contracts have always shown them.
    public static func path(_ ref: RecordRef) -> String {
        switch ref {
        case .policy(let id, nil): return Prefix.policy + id
        case .policy(let id, let anchor?): return Prefix.policy + id + "#" + anchor
        case .organization(let code): return Prefix.organization + code
        case .serviceCenter(let code): return Prefix.organization + code + Prefix.centerSuffix
        case .creditRecord(let code, let id): return Prefix.organization + code + "#credit-" + id
        case .notice(let id): return Prefix.notice + id
        }
    }

    /// A guide's page, and its JSON twin.
    public static func guide(_ id: String, api: Bool = false) -> String { (api ? Prefix.apiGuide : Prefix.guide) + component(id) }

    /// The JSON twin of a page: the same path under /api/ with the same query (print flag
    /// left out); nil for a page without one (the home page, the desk, /prefs).
    static func twin(path: String, query: String) -> String? {
        let twins = [
            Route.search, Route.policies, Route.ask, Route.organizations, Route.notices, Route.statistics, Route.guides,
            Route.faq, Route.creditAbnormal, Route.creditSerious,
        ]
        let prefixes = [Prefix.policy, Prefix.organization, Prefix.notice, Prefix.guide]
        guard twins.contains(path) || prefixes.contains(where: { path.hasPrefix($0) && path.count > $0.count }) else { return nil }
        return "/api" + path + (query.isEmpty ? "" : "?" + query)
    }

    /// `/data/{name}`: one file of the snapshot.
    public static func dataFile(_ name: String) -> String { Prefix.data + name }

    /// `/desk/{id}`, with a fragment (`reply`, `citations`) when given.
    public static func deskConsultation(_ id: Int64, fragment: String? = nil) -> String {
        Prefix.deskConsultation + String(id) + (fragment.map { "#" + $0 } ?? "")
    }

    /// `/api/desk/consultations/{id}`.
    public static func apiDeskConsultation(_ id: Int64) -> String { Prefix.apiDeskConsultation + String(id) }

    /// `/consult/{receipt}`, with `?new=1` just after it was submitted.
    public static func receipt(_ receipt: String, isNew: Bool = false) -> String {
        Prefix.receipt + receipt + (isNew ? "?new=1" : "")
    }

    /// The desk's login page, coming back to `next` after it.
    public static func deskLogin(next: String) -> String { Route.deskLogin + "?next=" + component(next) }

    /// A document's page by id, percent-encoded (ids written by people, as the desk stores them).
    public static func policy(encoding id: String) -> String { Prefix.policy + component(id) }

    private static let unreserved = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~"
    private static let allowed = CharacterSet(charactersIn: unreserved)

    /// Percent-encodes one URL component: everything outside RFC 3986's unreserved set
    /// and the characters of `keeping`.
    public static func component(_ value: String, keeping: String = "") -> String {
        let set = keeping.isEmpty ? allowed : CharacterSet(charactersIn: unreserved + keeping)
        return value.addingPercentEncoding(withAllowedCharacters: set) ?? ""
    }

    /// `path?k=v&…` with the non-empty values, in the given order.
    static func url(_ path: String, _ parameters: [(String, String?)]) -> String {
        let pairs = parameters.compactMap { key, value -> String? in
            guard let value, !value.isEmpty else { return nil }
            return "\(key)=\(component(value))"
        }
        return pairs.isEmpty ? path : path + "?" + pairs.joined(separator: "&")
    }

    /// The request's own path and query (without the print flag), re-encoded.
    static func here(_ request: HTTPRequest) -> String {
        url(request.path, request.query.filter { $0.key != "print" }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    }

    /// A local path to go back to after setting preferences; anything that could leave
    /// the site (//host, \\, a scheme, control characters) becomes "/".
    static func safeLocalPath(_ value: String?) -> String {
        guard let value, value.hasPrefix("/"), !value.hasPrefix("//"), value.utf8.count <= 2048,
            !value.contains("\\"), !value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F })
        else { return "/" }
        return value
    }
}
