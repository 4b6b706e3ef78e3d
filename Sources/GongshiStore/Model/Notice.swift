/// A disclosure notice (成立/变更/注销登记, 年检结果, 评估等级, 行政处罚 公告).
public struct Notice: Sendable, Equatable {
    public var id: String
    public var title: String
    public var kind: String
    public var issuer: String
    public var date: String
    public var orgCodes: [String]
    public var body: String?

    public init(id: String, title: String, kind: String, issuer: String, date: String, orgCodes: [String] = [], body: String? = nil) {
        self.id = id
        self.title = title
        self.kind = kind
        self.issuer = issuer
        self.date = date
        self.orgCodes = orgCodes
        self.body = body
    }

    public static let kinds = ["成立登记", "变更登记", "注销登记", "撤销登记", "年检结果", "评估等级", "行政处罚"]
}
