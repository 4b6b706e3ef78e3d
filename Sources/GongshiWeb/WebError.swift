/// Errors of the web layer that happen before serving (loading templates and static
/// files); request-time problems become responses, never errors.
public struct WebError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var path: String?

    public init(_ message: String, path: String? = nil) {
        self.message = message
        self.path = path
    }

    public var description: String { path.map { "\($0): \(message)" } ?? message }
}
