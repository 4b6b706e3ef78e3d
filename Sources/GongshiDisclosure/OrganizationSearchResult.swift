/// A page of `/orgs` results with the total and the facet counts of the whole filtered set.
public struct OrganizationSearchResult: Codable, Sendable, Equatable {
    public var filter: OrganizationFilter
    public var total: Int
    public var page: Int
    public var pageSize: Int
    public var items: [OrganizationSummary]
    public var facets: Facets

    public struct Facets: Codable, Sendable, Equatable {
        public var type: [FacetCount]
        public var status: [FacetCount]
        public var grade: [FacetCount]
        public var creditStatus: [FacetCount]
        public var region: [FacetCount]
        public var authority: [FacetCount]

        enum CodingKeys: String, CodingKey {
            case type, status, grade, region, authority
            case creditStatus = "credit_status"
        }
    }

    enum CodingKeys: String, CodingKey {
        case filter, total, page, items, facets
        case pageSize = "page_size"
    }
}

/// One organization in a list.
public struct OrganizationSummary: Codable, Sendable, Equatable {
    public var code: String
    public var name: String
    public var type: String
    public var authority: String
    public var region: String?
    public var founded: String
    public var status: String
    /// The currently valid grade, or nil.
    public var grade: String?
    public var creditStatus: CreditStatus
    public var creditStatusLabel: String
    /// 证书有效期至.
    public var certUntil: String?
    /// Marked 正常 with a registration certificate past its last day (the list's 证书已过期 badge).
    public var certificateExpired = false

    enum CodingKeys: String, CodingKey {
        case code, name, type, authority, region, founded, status, grade
        case creditStatus = "credit_status"
        case creditStatusLabel = "credit_status_label"
        case certUntil = "cert_until"
        case certificateExpired = "certificate_expired"
    }
}

/// One row of the `/orgs` facet pass: type, status, grade, credit status, region and
/// authority, and how many organizations have them.
struct FacetRow: Sendable {
    let values: [String]
    let count: Int
}
