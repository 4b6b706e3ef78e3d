/// Everything the page `/orgs/{code}` shows, and its JSON twin.
public struct OrganizationProfile: Codable, Sendable, Equatable {
    public var code: String
    public var name: String
    public var type: String
    /// 登记管理机关.
    public var authority: String
    /// 业务主管单位.
    public var supervisor: String?
    /// 法定代表人.
    public var legalRep: String?
    /// 成立登记日期.
    public var founded: String
    /// 注册资金, 万元.
    public var capital: Double?
    public var address: String?
    public var scope: String?
    /// 登记状态: 正常, 已注销, 已撤销.
    public var status: String
    /// 证书有效期至.
    public var certUntil: String?
    public var region: String?
    /// The evaluation grade, also when it has expired (`grade.expired`).
    public var grade: GradeInfo?
    /// Annual inspection results, newest year first.
    public var inspections: [InspectionResult]
    public var creditStatus: CreditStatus
    public var creditStatusLabel: String
    public var credit: CreditRecords
    /// Notices naming the organization, newest first (at most `OrganizationDirectory.maxTimeline`).
    public var notices: [NoticeLink]
    /// The regulations that govern its type, resolved to documents in the index.
    public var regulations: [RegulationLink]
    /// Service-center facts when the organization is one.
    public var serviceCenter: CenterFacts?
    /// The day grades and listings were evaluated against.
    public var asOf: String

    enum CodingKeys: String, CodingKey {
        case code, name, type, authority, supervisor, founded, capital, address, scope, status, region, grade, inspections,
            credit, notices, regulations
        case legalRep = "legal_rep"
        case certUntil = "cert_until"
        case creditStatus = "credit_status"
        case creditStatusLabel = "credit_status_label"
        case serviceCenter = "service_center"
        case asOf = "as_of"
    }

    /// An evaluation grade with its validity (five years from the decision).
    public struct GradeInfo: Codable, Sendable, Equatable {
        public var grade: String
        public var validFrom: String?
        public var validUntil: String
        public var expired: Bool
        /// 有效 or 已过期.
        public var label: String

        public init(grade: String, validFrom: String?, validUntil: String, today: String) {
            self.grade = grade
            self.validFrom = validFrom
            self.validUntil = validUntil
            expired = validUntil < today
            label = expired ? "已过期" : "有效"
        }

        /// The grade of an organization row: `grade_until` when present, else five years
        /// after `grade_from`; nil without a grade or any date.
        public static func make(grade: String?, from: String?, until: String?, today: String) -> GradeInfo? {
            guard let grade, let until = until ?? from.flatMap({ DisclosureDate.adding(years: 5, to: $0) }) else { return nil }
            return GradeInfo(grade: grade, validFrom: from, validUntil: until, today: today)
        }

        enum CodingKeys: String, CodingKey {
            case grade, expired, label
            case validFrom = "valid_from"
            case validUntil = "valid_until"
        }
    }

    public struct InspectionResult: Codable, Sendable, Equatable {
        public var year: Int
        /// 合格, 基本合格, 不合格, 未参检.
        public var result: String
        public init(year: Int, result: String) {
            self.year = year
            self.result = result
        }
    }

    /// Credit records split by list; listings split into current and removed.
    public struct CreditRecords: Codable, Sendable, Equatable {
        public var abnormal: Listing
        public var serious: Listing
        public var penalties: [CreditEntry]

        public struct Listing: Codable, Sendable, Equatable {
            public var current: [CreditEntry]
            public var removed: [CreditEntry]
        }

        public var all: [CreditEntry] { abnormal.current + abnormal.removed + serious.current + serious.removed + penalties }
    }

    public struct NoticeLink: Codable, Sendable, Equatable {
        public var id: String
        public var title: String
        public var kind: String
        public var issuer: String
        public var date: String
    }

    public struct RegulationLink: Codable, Sendable, Equatable {
        public var id: String
        public var title: String
    }

    public struct CenterFacts: Codable, Sendable, Equatable {
        /// 区级, 街镇 or 行业.
        public var level: String
        /// 服务组织数.
        public var served: Int?
        /// 专职工作人员数.
        public var staff: Int?
        /// 办公面积, 平方米.
        public var area: Double?

        public init(level: String, served: Int?, staff: Int?, area: Double?) {
            self.level = level
            self.served = served
            self.staff = staff
            self.area = area
        }

    }
}
