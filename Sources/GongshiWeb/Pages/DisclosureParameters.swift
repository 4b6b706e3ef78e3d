import Foundation
import GongshiDisclosure
import GongshiSearch
import GongshiStore

/// Query parameters of the transparency pages, read once for a page and its JSON twin.
enum DisclosureParameters {
    static func text(_ request: HTTPRequest, _ name: String) -> String? {
        guard let value = request.query[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    static func integer(_ request: HTTPRequest, _ name: String) throws(DisclosureError) -> Int? {
        guard let value = text(request, name) else { return nil }
        guard let number = Int(value) else { throw .invalidParameter(name: name, message: "应为整数") }
        return number
    }

    static func page(_ request: HTTPRequest, defaultSize: Int = 20) throws(DisclosureError) -> PageRequest {
        let page = try integer(request, "page") ?? 1
        let size = try integer(request, "limit") ?? defaultSize
        guard (1...PageRequest.maxPage).contains(page) else { throw .invalidParameter(name: "page", message: "应在 1 到 \(PageRequest.maxPage) 之间") }
        guard (1...PageRequest.maxSize).contains(size) else { throw .invalidParameter(name: "limit", message: "应在 1 到 \(PageRequest.maxSize) 之间") }
        return PageRequest(page: page, size: size)
    }

    static func organizationFilter(_ request: HTTPRequest) throws(DisclosureError) -> OrganizationFilter {
        var creditStatus: CreditStatus?
        if let value = text(request, "credit_status") {
            guard let status = CreditStatus(parameter: value) else {
                throw .invalidParameter(name: "credit_status", message: "应为 serious、abnormal、penalty 或 normal")
            }
            creditStatus = status
        }
        let filter = OrganizationFilter(
            name: text(request, "name"), type: text(request, "type"), status: text(request, "status"),
            creditStatus: creditStatus, grade: text(request, "grade"), authority: text(request, "authority"),
            region: text(request, "region"), foundedYear: try integer(request, "year"),
            centerLevel: text(request, "center_level"))
        try filter.validate()
        return filter
    }

    static func organizationParameters(_ filter: OrganizationFilter) -> [(String, String?)] {
        [
            ("name", filter.name), ("type", filter.type), ("status", filter.status), ("credit_status", filter.creditStatus?.rawValue),
            ("grade", filter.grade), ("authority", filter.authority), ("region", filter.region),
            ("year", filter.foundedYear.map(String.init)), ("center_level", filter.centerLevel),
        ]
    }

    static func creditFilter(_ request: HTTPRequest) throws(DisclosureError) -> CreditList.Filter {
        let filter = CreditList.Filter(
            authority: text(request, "authority"), region: text(request, "region"),
            year: try integer(request, "year"), name: text(request, "name"))
        try filter.validate()
        return filter
    }

    static func creditParameters(_ filter: CreditList.Filter, removed: Bool) -> [(String, String?)] {
        [
            ("name", filter.name), ("authority", filter.authority), ("region", filter.region), ("year", filter.year.map(String.init)),
            ("removed", removed ? "1" : nil),
        ]
    }

    static func noticeFilter(_ request: HTTPRequest) -> NoticeFeed.Filter {
        NoticeFeed.Filter(
            kind: text(request, "kind"), issuer: text(request, "issuer"), from: text(request, "from"), to: text(request, "to"),
            name: text(request, "name"))
    }

    static func noticeParameters(_ filter: NoticeFeed.Filter) -> [(String, String?)] {
        [("kind", filter.kind), ("issuer", filter.issuer), ("from", filter.from), ("to", filter.to), ("name", filter.name)]
    }

    /// `http://host` for absolute links in feeds and sitemaps, from a well-formed Host header.
    static func baseURL(_ request: HTTPRequest) -> (url: String, host: String) {
        let host = request.headers["host"] ?? ""
        let valid =
            !host.isEmpty && host.utf8.count <= 255
            && host.unicodeScalars.allSatisfy {
                CharacterSet.alphanumerics.contains($0) && $0.isASCII || $0 == "." || $0 == ":" || $0 == "-" || $0 == "[" || $0 == "]"
            }
        let name = valid ? host : "127.0.0.1:8080"
        return ("http://\(name)", String(name.split(separator: ":").first ?? "localhost"))
    }
}
