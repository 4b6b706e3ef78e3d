/// A request as handlers see it: plain values, no socket.
public struct HTTPRequest: Sendable {
    public var method: String
    /// Percent-decoded path without the query string.
    public var path: String
    public var query: [String: String]
    /// Header names lower-cased.
    public var headers: [String: String]
    /// The body of a POST (at most 64 KB: the server answers 413 beyond); empty otherwise.
    public var body: [UInt8] = []
    /// The peer's IP address ("" when unknown), for per-address limits.
    public var clientAddress = ""

    public init(method: String = "GET", path: String, query: [String: String] = [:], headers: [String: String] = [:]) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
    }

    /// For the server, which lower-cases header names while collecting them.
    init(
        method: String, path: String, query: [String: String], lowercasedHeaders: [String: String],
        body: [UInt8] = [], clientAddress: String = ""
    ) {
        self.body = body
        self.clientAddress = clientAddress
        self.method = method
        self.path = path
        self.query = query
        self.headers = lowercasedHeaders
    }
}
