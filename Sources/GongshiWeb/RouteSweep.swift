import Foundation

/// Every route × every parameter, with values drawn from the index itself (facet values,
/// real ids and codes, links the site shows) and from a hostile list: the requests that
/// must never be answered with a status ≥ 500. One list for the in-process test and for
/// the fault suite over HTTP, so both sweep the same thing.
public enum RouteSweep {
    public struct Request: Sendable, CustomStringConvertible {
        public var path: String
        public var query: [(String, String)]
        public init(path: String, query: [(String, String)] = []) {
            self.path = path
            self.query = query
        }

        /// `path?query` with the query percent-encoded (every byte outside unreserved).
        public var target: String {
            guard !query.isEmpty else { return RouteSweep.encode(path, keepSlash: true) }
            return RouteSweep.encode(path, keepSlash: true) + "?"
                + query.map { RouteSweep.encode($0.0, keepSlash: false) + "=" + RouteSweep.encode($0.1, keepSlash: false) }.joined(separator: "&")
        }

        public var description: String {
            let text = target
            return text.count > 160 ? String(text.prefix(160)) + "…" : text
        }
    }

    /// Answers a GET of `path` with `query` (in process or over HTTP): status and body.
    public typealias Fetch = (_ path: String, _ query: [(String, String)]) -> (status: Int, body: [UInt8])

    /// The routes with fixed paths, and the query each is swept around (a route that shows
    /// nothing without a query gets one, so its other parameters are exercised).
    static let routes: [(path: String, base: [(String, String)])] = [
        ("/", []), ("/search", [("q", "社会")]), ("/api/search", [("q", "社会"), ("facets", "1")]),
        ("/policies", []), ("/api/policies", []), ("/ask", [("q", "社会团体怎么登记")]), ("/api/ask", [("q", "社会团体怎么登记")]),
        ("/prefs", []), ("/healthz", []), ("/robots.txt", []), ("/orgs", []), ("/api/orgs", []),
        ("/api/suggest", [("q", "社会")]), ("/credit/abnormal", []), ("/credit/serious", []), ("/api/credit/abnormal", []),
        ("/api/credit/serious", []), ("/notices", []), ("/api/notices", []), ("/notices.atom", []), ("/stats", []),
        ("/api/stats", []), ("/sitemap.xml", []), ("/sitemap-1.xml", []), ("/api/openapi.json", []),
    ]

    /// Every parameter any route reads.
    public static let parameters = [
        "q", "type", "page", "limit", "level", "issuer", "status", "year", "org_type", "org_status", "grade", "name",
        "credit_status", "authority", "region", "center_level", "kind", "from", "to", "removed", "format", "facets",
        "print", "font", "contrast", "back",
    ]

    /// The parameters each route reads (the README's route tables); `thorough: false`
    /// sweeps only these with every value, and the others with two.
    static let reads: [String: [String]] = {
        let search = ["q", "type", "page", "limit", "level", "issuer", "status", "year", "org_type", "org_status", "grade", "facets", "print"]
        let orgs = ["name", "type", "status", "credit_status", "grade", "authority", "region", "year", "center_level", "page", "limit", "format", "print"]
        let credit = ["name", "authority", "region", "year", "removed", "format", "page", "limit", "print"]
        let notices = ["kind", "issuer", "from", "to", "page", "limit", "print"]
        let policies = ["level", "issuer", "status", "year", "kind", "page", "limit", "print"]
        return [
            "/search": search, "/api/search": search, "/orgs": orgs, "/api/orgs": orgs, "/credit/abnormal": credit,
            "/credit/serious": credit, "/api/credit/abnormal": credit, "/api/credit/serious": credit, "/notices": notices,
            "/api/notices": notices, "/notices.atom": ["kind"], "/policies": policies, "/api/policies": policies,
            "/ask": ["q", "limit", "print"], "/api/ask": ["q", "limit"], "/api/suggest": ["q", "limit"],
            "/prefs": ["font", "contrast", "back"], "/": ["print"],
        ]
    }()

    /// Values no route should choke on.
    public static let hostile = [
        "<script>alert(1)</script>", "\"'", "NEAR(a b) OR *", "\u{0}", "\u{1}\u{7F}", "\u{FFFD}", String(repeating: "长", count: 3_000),
        "99999999999999999999", "-1", "../../etc/passwd", "' OR 1=1 --", "2024-13-45", "𠀀𠀁", "%00", " ",
    ]

    /// Bounds and the values a parameter is documented to take.
    static func special(_ parameter: String) -> [String] {
        let bounds = ["", "0", "1", "2", "20", "21", "50", "51", "100", "101", "1000"]
        switch parameter {
        case "type": return ["policy", "article", "section", "org", "credit", "notice"]
        case "format": return ["csv", "json", "html"]
        case "facets", "removed", "print": return ["1", "0", "true"]
        case "font": return ["large", "normal"]
        case "contrast": return ["high", "normal"]
        case "back": return ["/", "/orgs?page=2", "//evil.example", "https://evil.example/", "/\\evil"]
        case "from", "to": return ["2020-01-01", "2030-12-31", "2020-02-30", "1900-01-01"]
        case "year": return ["2000", "2024", "9999", "0"] + bounds
        default: return bounds
        }
    }

    /// The sweep: harvests values with `fetch`, then lists every request to make.
    /// `thorough`: every route × every parameter × every value (the fault suite, over HTTP
    /// on a release build); otherwise each route's own parameters get every value and the
    /// others two (the in-process test on a debug build).
    public static func requests(thorough: Bool = true, fetch: Fetch) -> [Request] {
        var pools: [String: [String]] = [:]
        var links: [String] = []
        func remember(_ key: String, _ value: String) {
            guard !value.isEmpty, value.count <= 200 else { return }
            if pools[key, default: []].count < 12, !pools[key, default: []].contains(value) { pools[key, default: []].append(value) }
        }
        func walk(_ node: Any) {
            if let object = node as? [String: Any] {
                if let name = object["name"] as? String, let values = object["values"] as? [[String: Any]] {
                    for value in values { if let text = value["value"] as? String { remember(name, text) } }
                }
                for (key, value) in object {
                    // {"authority": [{"value": …, "count": …}, …]}: facet values under their name.
                    if let values = value as? [[String: Any]] {
                        for item in values { if let text = item["value"] as? String { remember(key, text) } }
                    }
                    if let text = value as? String {
                        if key == "url", text.hasPrefix("/") { links.append(text) } else { remember(key, text) }
                    } else {
                        walk(value)
                    }
                }
            } else if let array = node as? [Any] {
                for item in array { walk(item) }
            }
        }
        let sources: [(String, [(String, String)])] = [
            ("/api/search", [("q", "社会"), ("facets", "1"), ("limit", "50")]), ("/api/search", [("q", "登记"), ("facets", "1"), ("limit", "50")]),
            ("/api/search", [("q", "条例"), ("type", "article"), ("facets", "1")]), ("/api/policies", []), ("/api/orgs", []),
            ("/api/notices", []), ("/api/credit/abnormal", []), ("/api/credit/serious", []), ("/api/credit/abnormal", [("removed", "1")]),
            ("/api/stats", []), ("/api/suggest", [("q", "社会")]),
        ]
        for (path, query) in sources {
            let answer = fetch(path, query)
            if answer.status == 200, let json = try? JSONSerialization.jsonObject(with: Data(answer.body)) { walk(json) }
        }
        // Facets of /orgs are named after the organization's fields; the search names them org_*.
        for (from, to) in [("type", "org_type"), ("status", "org_status"), ("issuer", "authority")] {
            for value in pools[from] ?? [] { remember(to, value) }
        }
        var out: [Request] = []
        func values(_ parameter: String) -> [String] {
            var list = (pools[parameter] ?? []).prefix(8) + special(parameter) + hostile
            if parameter == "q" { list += ["社会", "民非", "jjh", "91110000717826836E", "[2016]", "什么是基金会"] }
            return Array(list)
        }
        // Each link the site shows, once as it is and once as its JSON twin where there is one.
        var paths: [String] = []
        for link in links {
            let path = String(link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0].split(separator: "?")[0])
            if !paths.contains(path) { paths.append(path) }
        }
        // One real path per pattern gets the full sweep; the others are fetched plain.
        var patterns: [String: String] = [:]
        for path in paths {
            for prefix in ["/policies/", "/orgs/", "/notices/", "/api/policies/", "/api/orgs/", "/api/notices/"] where path.hasPrefix(prefix) {
                if patterns[prefix] == nil { patterns[prefix] = path }
            }
        }
        for (path, base) in routes + patterns.values.sorted().map({ ($0, [(String, String)]()) }) {
            let own = reads[path] ?? ["print"]
            for parameter in parameters {
                for value in thorough || own.contains(parameter) ? values(parameter) : [hostile[0], "-1"] {
                    out.append(Request(path: path, query: base.filter { $0.0 != parameter } + [(parameter, value)]))
                }
            }
        }
        for path in paths.prefix(300) {
            out.append(Request(path: path))
            if !path.hasPrefix("/api/") { out.append(Request(path: "/api" + path)) }
            if path.hasPrefix("/orgs/") {
                out.append(Request(path: path + "/center"))
                out.append(Request(path: "/api" + path + "/center"))
            }
        }
        // The facet links of the results page: a kind together with each facet value.
        for path in ["/search", "/api/search"] {
            for type in special("type") {
                for parameter in SearchParameters.filterNames {
                    for value in (pools[parameter] ?? []).prefix(6) {
                        out.append(Request(path: path, query: [("q", "社会"), ("type", type), (parameter, value), ("facets", "1")]))
                    }
                }
            }
        }
        // Hostile path segments.
        for prefix in ["/orgs/", "/api/orgs/", "/notices/", "/api/notices/", "/policies/", "/api/policies/", "/static/", "/sitemap-"] {
            for value in hostile + ["0", "-1", "1.xml", "99999999999.xml"] { out.append(Request(path: prefix + value)) }
        }
        return out
    }

    static func encode(_ text: String, keepSlash: Bool) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: "/") where keepSlash:
                out.append("/")
            default:
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }
}
