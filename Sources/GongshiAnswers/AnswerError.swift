import GongshiStore

/// The one error type of the Q&A. `invalidQuestion` is the user's to fix (a 400 on the
/// web); `store` is ours and carries the store's context (kind, message, SQL, file).
public enum AnswerError: Error, CustomStringConvertible, Sendable {
    case invalidQuestion(String)
    case store(StoreError)

    public var description: String {
        switch self {
        case .invalidQuestion(let why): return why
        case .store(let error): return "数据库错误：\(error)"
        }
    }
}
