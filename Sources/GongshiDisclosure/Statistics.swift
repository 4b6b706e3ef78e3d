/// The numbers of `/stats` (and its JSON twin). Each distribution sums to its total.
public struct Statistics: Codable, Sendable, Equatable {
    public struct YearCount: Codable, Sendable, Equatable {
        public var year: Int
        public var count: Int
    }

    public struct MonthCount: Codable, Sendable, Equatable {
        /// `YYYY-MM`.
        public var month: String
        public var count: Int
    }

    public var asOf: String
    public var totalOrganizations: Int
    public var totalNotices: Int
    public var byType: [FacetCount]
    /// Organizations by year of 成立登记, oldest first.
    public var byFoundedYear: [YearCount]
    /// Valid grades 5A…1A, then `expired` (已过期) and `none` (未评估).
    public var grades: [FacetCount]
    public var creditStatus: [FacetCount]
    /// Oldest month first.
    public var noticesPerMonth: [MonthCount]

    enum CodingKeys: String, CodingKey {
        case grades
        case asOf = "as_of"
        case totalOrganizations = "total_organizations"
        case totalNotices = "total_notices"
        case byType = "by_type"
        case byFoundedYear = "by_founded_year"
        case creditStatus = "credit_status"
        case noticesPerMonth = "notices_per_month"
    }
}
