import GongshiSearch

/// A request parameter that cannot be used, with the message shown to the user.
struct ParameterProblem: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

/// The parameters of /search and /api/search, checked once for both.
struct SearchParameters {
    var query: String
    var request: SearchRequest
    var page: Int
    /// Every parameter as given (for links that keep them).
    var parameters: [(String, String?)]
    var hasFilters: Bool

    static let filterNames = ["level", "issuer", "status", "year", "org_type", "org_status", "grade"]
    static let maxFilterCharacters = 100

    static func parse(_ request: HTTPRequest, defaultLimit: Int = 10) -> Result<SearchParameters, ParameterProblem> {
        let query = trimmed(request.query["q"] ?? "")
        guard query.count <= SearchRequest.maxQueryCharacters else {
            return .failure(.init("检索词过长（最多 \(SearchRequest.maxQueryCharacters) 个字符）"))
        }
        var kind: SearchRequest.Kind?
        if let type = request.query["type"], !type.isEmpty {
            guard let parsed = SearchRequest.Kind(rawValue: type), parsed != .section else {
                return .failure(.init("type 应为 policy、article、org、credit 或 notice"))
            }
            kind = parsed
        }
        guard let limit = Int(request.query["limit"] ?? "\(defaultLimit)"), (1...SearchRequest.maxLimit).contains(limit) else {
            return .failure(.init("limit 应在 1 到 \(SearchRequest.maxLimit) 之间"))
        }
        guard let page = Int(request.query["page"] ?? "1"), (1...100).contains(page) else {
            return .failure(.init("page 应在 1 到 100 之间"))
        }
        var values: [String: String] = [:]
        for name in filterNames {
            guard let value = request.query[name].map(trimmed), !value.isEmpty else { continue }
            guard value.count <= maxFilterCharacters else { return .failure(.init("筛选条件 \(name) 过长")) }
            values[name] = value
        }
        let filters = SearchFilters(
            level: values["level"], issuer: values["issuer"], status: values["status"], year: values["year"],
            orgType: values["org_type"], orgStatus: values["org_status"], grade: values["grade"])
        var parameters: [(String, String?)] = [("q", query), ("type", kind?.rawValue)]
        parameters += filterNames.map { ($0, values[$0]) }
        if page > 1 { parameters.append(("page", "\(page)")) }
        return .success(
            SearchParameters(
                query: query, request: SearchRequest(query: query, kind: kind, limit: limit, offset: (page - 1) * limit, filters: filters),
                page: page, parameters: parameters, hasFilters: kind != nil || !filters.isEmpty))
    }
}

/// The parameters of /policies and /api/policies.
struct PolicyParameters {
    var filter: PolicyFilter
    var page: Int
    var pageSize: Int
    var parameters: [(String, String?)]
    var hasFilters: Bool

    static func parse(_ request: HTTPRequest) -> Result<PolicyParameters, ParameterProblem> {
        var values: [String: String] = [:]
        for name in ["level", "issuer", "status", "year", "kind"] {
            guard let value = request.query[name].map(trimmed), !value.isEmpty else { continue }
            guard value.count <= SearchParameters.maxFilterCharacters else { return .failure(.init("筛选条件 \(name) 过长")) }
            values[name] = value
        }
        guard let page = Int(request.query["page"] ?? "1"), (1...10_000).contains(page) else {
            return .failure(.init("page 应为正整数"))
        }
        guard let size = Int(request.query["limit"] ?? "20"), (1...PolicyCatalog.maxPageSize).contains(size) else {
            return .failure(.init("limit 应在 1 到 \(PolicyCatalog.maxPageSize) 之间"))
        }
        let filter = PolicyFilter(level: values["level"], issuer: values["issuer"], status: values["status"], year: values["year"], kind: values["kind"])
        var parameters: [(String, String?)] = ["level", "issuer", "status", "year", "kind"].map { ($0, values[$0]) }
        if page > 1 { parameters.append(("page", "\(page)")) }
        return .success(PolicyParameters(filter: filter, page: page, pageSize: size, parameters: parameters, hasFilters: !values.isEmpty))
    }

    /// Document ids are corpus file names: no slash, backslash or control character.
    static func validID(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= 200 && !id.unicodeScalars.contains { $0 == "/" || $0 == "\\" || $0.value < 0x20 || $0.value == 0x7F }
    }
}

/// A parameter without leading or trailing white space (Unicode white space and newlines,
/// as typed or pasted), without Foundation's CharacterSet machinery on every request.
func trimmed(_ value: String) -> String {
    let scalars = value.unicodeScalars
    guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
    else { return "" }
    if first == scalars.startIndex && last == scalars.index(before: scalars.endIndex) { return value }
    return String(scalars[first...last])
}
