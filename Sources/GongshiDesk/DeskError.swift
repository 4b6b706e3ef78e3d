import GongshiStore

/// The one error type of the desk layer. `message` is shown to people (Simplified Chinese);
/// the kind tells the web layer which status to answer.
public struct DeskError: Error, CustomStringConvertible, Sendable {
    public enum Kind: String, Sendable {
        /// Not logged in, or the session expired.
        case unauthenticated
        /// Logged in without the role the action needs.
        case forbidden
        /// Bad input: a missing field, a value out of range.
        case invalid
        case notFound
        /// Too many attempts (logins, public questions) from one account or address.
        case throttled
        /// The database failed (with the store's context).
        case store
    }

    public let kind: Kind
    public let message: String
    public let path: String?

    public init(_ kind: Kind, _ message: String, path: String? = nil) {
        self.kind = kind
        self.message = message
        self.path = path
    }

    public var description: String {
        path.map { "\(message) (\($0))" } ?? message
    }

    static func wrap(_ error: any Error, path: String) -> DeskError {
        if let error = error as? DeskError { return error }
        return DeskError(.store, "\(StoreError.wrap(error, path: path))", path: path)
    }
}
