/// The level of a 社会组织服务中心 (`center_level`).
enum CenterLevel: Int, CaseIterable, Sendable {
    case district, street, industry

    var label: String {
        switch self {
        case .district: return "区级"
        case .street: return "街镇"
        case .industry: return "行业"
        }
    }
}
