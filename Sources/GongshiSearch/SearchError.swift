import GongshiStore

/// The one error type of the search layer. `invalidQuery` is the user's to fix
/// (a 400 on the web); `store` is ours.
public enum SearchError: Error, CustomStringConvertible, Sendable {
    case invalidQuery(String)
    case store(StoreError)

    public var description: String {
        switch self {
        case .invalidQuery(let why): return why
        case .store(let error): return "数据库错误：\(error)"
        }
    }
}
