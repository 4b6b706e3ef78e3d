/// The one error type of the store layer, with enough context to act on
/// (modelled on GRDB's DatabaseError: a kind, a message, and the SQL or file involved).
public struct StoreError: Error, CustomStringConvertible, Sendable {
    public enum Kind: String, Sendable {
        case open, schema, query, tokenizer, corrupt, snapshot
    }

    public let kind: Kind
    public let message: String
    public let sql: String?
    public let path: String?

    public init(kind: Kind, message: String, sql: String? = nil, path: String? = nil) {
        self.kind = kind
        self.message = message
        self.sql = sql
        self.path = path
    }

    public var description: String {
        var text = "\(kind.rawValue): \(message)"
        if let path { text += " (\(path))" }
        if let sql { text += " [SQL: \(sql)]" }
        return text
    }
}
