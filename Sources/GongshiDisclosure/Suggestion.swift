/// One name offered while typing in the search box (联想), with the organization's
/// registration status and credit standing (列入严重违法失信名单, 列入活动异常名录).
public struct Suggestion: Codable, Sendable, Equatable {
    public var code: String
    public var name: String
    public var type: String
    public var status: String
    public var creditStatus: CreditStatus
    public var creditStatusLabel: String
    /// 正常 on paper, but the registration certificate has run out (证书已过期).
    public var certificateExpired: Bool

    public init(
        code: String, name: String, type: String, status: String, creditStatus: CreditStatus = .normal, certificateExpired: Bool = false
    ) {
        self.code = code
        self.name = name
        self.type = type
        self.status = status
        self.certificateExpired = certificateExpired
        self.creditStatus = creditStatus
        creditStatusLabel = creditStatus.label
    }

    enum CodingKeys: String, CodingKey {
        case code, name, type, status
        case creditStatus = "credit_status"
        case creditStatusLabel = "credit_status_label"
        case certificateExpired = "certificate_expired"
    }
}
