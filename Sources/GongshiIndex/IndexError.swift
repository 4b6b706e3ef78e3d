import GongshiStore

/// The one error type of the index layer.
public enum IndexError: Error, CustomStringConvertible, Sendable {
    case corpusMissing(String)
    case store(StoreError)
    case cancelled

    public var description: String {
        switch self {
        case .corpusMissing(let path): return "语料目录不存在：\(path)"
        case .store(let error): return "数据库错误：\(error)"
        case .cancelled: return "索引已中断，数据库保持上一次的完整索引"
        }
    }
}
