import Foundation

/// One row of the append-only audit trail: who did what, when, and for edits the values
/// before and after (never personal data of enquirers: those fields are masked).
public struct AuditEntry: Sendable, Codable {
    public var id: Int64
    public var at: Date
    public var actor: String
    public var action: String
    public var target: String
    public var before: String?
    public var after: String?
}
