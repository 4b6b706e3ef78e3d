import GongshiStore

/// Why a transparency-page request failed: bad input (the user's to fix) or the store (ours).
public enum DisclosureError: Error, Sendable {
    /// A parameter the user sent is malformed; the message is shown to them (Chinese).
    case invalidParameter(name: String, message: String)
    case store(StoreError)

    public var message: String {
        switch self {
        case .invalidParameter(let name, let message): return "参数 \(name) 无效：\(message)"
        case .store: return "数据库查询失败，请稍后再试"
        }
    }
}
