import GongshiStore

/// Filters of `/orgs` (every field optional; all given ones must hold).
public struct OrganizationFilter: Codable, Sendable, Equatable {
    /// Start of the name or of a word in it (退役军人).
    public var name: String?
    public var type: String?
    /// 登记状态.
    public var status: String?
    public var creditStatus: CreditStatus?
    /// A currently valid grade (5A…1A), or `none` for no valid grade.
    public var grade: String?
    public var authority: String?
    public var region: String?
    /// Year of 成立登记.
    public var foundedYear: Int?
    /// Service centers of this level only.
    public var centerLevel: String?

    public static let noGrade = "none"
    static let maxTextLength = 64

    public init(
        name: String? = nil, type: String? = nil, status: String? = nil, creditStatus: CreditStatus? = nil, grade: String? = nil,
        authority: String? = nil, region: String? = nil, foundedYear: Int? = nil, centerLevel: String? = nil
    ) {
        self.name = name
        self.type = type
        self.status = status
        self.creditStatus = creditStatus
        self.grade = grade
        self.authority = authority
        self.region = region
        self.foundedYear = foundedYear
        self.centerLevel = centerLevel
    }

    enum CodingKeys: String, CodingKey {
        case name, type, status, grade, authority, region
        case creditStatus = "credit_status"
        case foundedYear = "founded_year"
        case centerLevel = "center_level"
    }

    /// Throws `.invalidParameter` for a value outside its allowed set or too long.
    public func validate() throws(DisclosureError) {
        func check(_ value: String?, _ name: String, _ allowed: [String]?) throws(DisclosureError) {
            guard let value else { return }
            if value.count > Self.maxTextLength { throw .invalidParameter(name: name, message: "过长（最多 \(Self.maxTextLength) 字）") }
            if let allowed, !allowed.contains(value) {
                throw .invalidParameter(name: name, message: "应为 \(allowed.joined(separator: "、")) 之一")
            }
        }
        try check(name, "name", nil)
        try check(type, "type", Organization.types)
        try check(status, "status", Organization.statuses)
        try check(grade, "grade", Organization.grades + [Self.noGrade])
        try check(authority, "authority", nil)
        try check(region, "region", nil)
        try check(centerLevel, "center_level", Organization.centerLevels)
        if let foundedYear, !(1900...2100).contains(foundedYear) {
            throw .invalidParameter(name: "founded_year", message: "应为 1900 至 2100 之间的年份")
        }
    }
}
