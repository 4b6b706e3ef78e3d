/// A registered social organization (社会团体, 民办非企业单位/社会服务机构, 基金会).
public struct Organization: Sendable, Equatable {
    public var code: String
    public var name: String
    public var type: String
    public var authority: String
    public var supervisor: String?
    public var legalRep: String?
    public var founded: String
    /// 注册资金 in 万元.
    public var capital: Double?
    public var address: String?
    public var scope: String?
    public var status: String
    public var grade: String?
    public var gradeFrom: String?
    public var gradeUntil: String?
    public var certUntil: String?
    public var region: String?
    /// Annual inspection results by year.
    public var inspections: [Inspection]
    /// Service-center facts, when the organization is one.
    public var centerLevel: String?
    public var centerServed: Int?
    public var centerStaff: Int?
    public var centerArea: Double?

    public struct Inspection: Sendable, Equatable {
        public var year: Int
        public var result: String
        public init(year: Int, result: String) {
            self.year = year
            self.result = result
        }
    }

    public init(code: String, name: String, type: String, authority: String, founded: String, status: String) {
        self.code = code
        self.name = name
        self.type = type
        self.authority = authority
        self.founded = founded
        self.status = status
        self.inspections = []
    }

    public static let types = ["社会团体", "民办非企业单位", "社会服务机构", "基金会"]
    public static let statuses = ["正常", "已注销", "已撤销"]
    public static let grades = ["5A", "4A", "3A", "2A", "1A"]
    public static let inspectionResults = ["合格", "基本合格", "不合格", "未参检"]
    public static let centerLevels = ["区级", "街镇", "行业"]
}
