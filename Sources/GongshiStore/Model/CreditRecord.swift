/// An entry in 活动异常名录 or 严重违法失信名单, or a 行政处罚 decision.
public struct CreditRecord: Sendable, Equatable {
    public var orgCode: String
    public var orgName: String?
    public var list: String
    public var reason: String
    public var authority: String
    /// Date listed, or the decision date of a penalty.
    public var date: String
    public var removedOn: String?
    public var removalReason: String?
    public var decisionNo: String?
    public var basis: String?
    public var result: String?

    public init(orgCode: String, list: String, reason: String, authority: String, date: String) {
        self.orgCode = orgCode
        self.list = list
        self.reason = reason
        self.authority = authority
        self.date = date
    }

    public static let abnormal = "活动异常名录"
    public static let serious = "严重违法失信名单"
    public static let penalty = "行政处罚"
    public static let lists = [abnormal, serious, penalty]
}
