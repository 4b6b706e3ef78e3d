import GongshiStore

/// The credit standing shown at the top of an organization's page, from the most to the
/// least serious: a current 严重违法失信名单 entry outranks a current 活动异常名录 entry,
/// which outranks a 行政处罚 on record.
public enum CreditStatus: String, Codable, Sendable, CaseIterable {
    case serious
    case abnormal
    case penalty
    case normal

    public var label: String {
        switch self {
        case .serious: return "列入严重违法失信名单"
        case .abnormal: return "列入活动异常名录"
        case .penalty: return "有行政处罚记录"
        case .normal: return "正常"
        }
    }

    /// Parses a filter value: the English code or the Chinese label.
    public init?(parameter: String) {
        if let status = CreditStatus(rawValue: parameter) {
            self = status
            return
        }
        guard let status = CreditStatus.allCases.first(where: { $0.label == parameter }) else { return nil }
        self = status
    }

    /// The status that `records` give on `today` (an entry is current until its 移出日期).
    public static func compute(_ records: [CreditEntry], today: String) -> CreditStatus {
        func current(_ list: String) -> Bool { records.contains { $0.list == list && $0.isCurrent(today: today) } }
        if current(CreditRecord.serious) { return .serious }
        if current(CreditRecord.abnormal) { return .abnormal }
        if records.contains(where: { $0.list == CreditRecord.penalty }) { return .penalty }
        return .normal
    }

    /// SQL of a `cs(org_code, status)` table: the status of every organization with
    /// credit records (others are normal). Arguments: `arguments(today:)`.
    /// The status of a group of credit records (five arguments, `arguments(today:)`).
    static let statusSQL = """
        CASE
          WHEN max(list = ? AND (removed_on IS NULL OR removed_on > ?)) THEN 'serious'
          WHEN max(list = ? AND (removed_on IS NULL OR removed_on > ?)) THEN 'abnormal'
          WHEN max(list = ?) THEN 'penalty' ELSE 'normal' END
        """
    static let tableSQL = "cs AS (SELECT org_code, \(statusSQL) AS status FROM credit_record GROUP BY org_code)"

    static func arguments(today: String) -> [String] {
        [CreditRecord.serious, today, CreditRecord.abnormal, today, CreditRecord.penalty]
    }
}
