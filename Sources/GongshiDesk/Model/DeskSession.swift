import Foundation

/// A logged-in session: the random id the cookie carries, the CSRF token its forms carry,
/// and the account it belongs to.
public struct DeskSession: Sendable {
    public var id: String
    public var csrf: String
    public var account: Account
    public var createdAt: Date
    public var lastSeen: Date
}
