/// One credit record as an organization's page and the lists show it.
public struct CreditEntry: Codable, Sendable, Equatable {
    /// The record's id: search results link to `/orgs/{code}#credit-{id}`.
    public var id: Int64?
    /// 活动异常名录, 严重违法失信名单 or 行政处罚.
    public var list: String
    public var reason: String
    /// 决定机关.
    public var authority: String
    /// 列入日期, or the decision date of a penalty.
    public var date: String
    public var removedOn: String?
    public var removalReason: String?
    public var decisionNo: String?
    public var basis: String?
    public var result: String?
    /// Listed and not (yet) removed on the directory's "today"; always true for penalties.
    public var current: Bool

    public init(
        list: String, reason: String, authority: String, date: String, removedOn: String? = nil, removalReason: String? = nil,
        decisionNo: String? = nil, basis: String? = nil, result: String? = nil, current: Bool = true
    ) {
        self.list = list
        self.reason = reason
        self.authority = authority
        self.date = date
        self.removedOn = removedOn
        self.removalReason = removalReason
        self.decisionNo = decisionNo
        self.basis = basis
        self.result = result
        self.current = current
    }

    func isCurrent(today: String) -> Bool {
        guard let removedOn else { return true }
        return removedOn > today
    }

    enum CodingKeys: String, CodingKey {
        case id, list, reason, authority, date, basis, result, current
        case removedOn = "removed_on"
        case removalReason = "removal_reason"
        case decisionNo = "decision_no"
    }
}
