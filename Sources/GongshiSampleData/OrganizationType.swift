/// The four registration types, with what the generator writes for each.
enum OrganizationType: Int, CaseIterable, Sendable {
    case society, nonEnterprise, socialService, foundation

    /// The `type` column.
    var label: String {
        switch self {
        case .society: return "社会团体"
        case .nonEnterprise: return "民办非企业单位"
        case .socialService: return "社会服务机构"
        case .foundation: return "基金会"
        }
    }

    /// Position 2 of the credit code.
    var codeDigit: String {
        switch self {
        case .society: return "1"
        case .nonEnterprise, .socialService: return "2"
        case .foundation: return "3"
        }
    }

    /// The regulation registration follows.
    var regulation: String {
        switch self {
        case .society: return "《社会团体登记管理条例》"
        case .nonEnterprise, .socialService: return "《民办非企业单位登记管理暂行条例》"
        case .foundation: return "《基金会管理条例》"
        }
    }

    /// The article administrative penalties cite.
    var penaltyArticle: String {
        switch self {
        case .society: return "《社会团体登记管理条例》第三十条"
        case .nonEnterprise, .socialService: return "《民办非企业单位登记管理暂行条例》第二十五条"
        case .foundation: return "《基金会管理条例》第四十二条"
        }
    }

    /// The body that decides to dissolve.
    var dissolvingBody: String {
        switch self {
        case .society: return "会员（代表）大会"
        case .nonEnterprise, .socialService: return "理事会"
        case .foundation: return "理事会"
        }
    }

    /// What the capital is called in notices (基金会: 原始基金).
    var capitalLabel: String { self == .foundation ? "原始基金" : "注册资金" }

    /// Share of organizations, in percent: 40 / 25 / 25 / 10.
    static let weights = [40, 25, 25, 10]
}
