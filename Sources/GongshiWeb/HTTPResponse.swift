import Foundation

/// A response as handlers produce it.
public struct HTTPResponse: Sendable {
    // A change drops the prepared form: it would no longer be this response.
    public var status: Int { didSet { prepared = nil } }
    public var headers: [(String, String)] { didSet { prepared = nil } }
    public var body: [UInt8] { didSet { prepared = nil } }
    /// A body read from a file by the server instead of `body` (bulk downloads, which may
    /// be larger than memory); see `FileBody`.
    public var file: FileBody? { didSet { prepared = nil } }
    /// This very response already built in the server's form (see `prebuilt()`), so the
    /// server queues it without copying body and headers again; nil for most responses.
    private(set) var prepared: PreparedResponse?

    public init(status: Int = 200, headers: [(String, String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The same response, also built once in the server's form: for responses that are
    /// answered unchanged many times (static files). Without memory for it, the plain value.
    func prebuilt() -> HTTPResponse {
        var out = self
        out.prepared = PreparedResponse(self)
        return out
    }

    public func header(_ name: String) -> String? {
        headers.first { Self.sameName($0.0, name) }?.1
    }

    /// ASCII case-insensitive comparison of header names, without allocating.
    static func sameName(_ a: String, _ b: String) -> Bool {
        a.utf8.count == b.utf8.count && zip(a.utf8, b.utf8).allSatisfy { x, y in x == y || (x | 0x20 == y | 0x20 && (x | 0x20) >= 0x61 && (x | 0x20) <= 0x7A) }
    }

    /// The body as text (for tests and logs).
    public var text: String { String(decoding: body, as: UTF8.self) }

    /// Headers every response carries.
    static let securityHeaders: [(String, String)] = [
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "same-origin"),
        (
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
        ),
    ]

    public static func json<T: Encodable>(_ value: T, status: Int = 200) -> HTTPResponse {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return json(encoded: (try? encoder.encode(value)).map(Array.init) ?? Array("{}".utf8), status: status)
    }

    /// A JSON response from text already encoded.
    public static func json(encoded body: [UInt8], status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, headers: [("Content-Type", "application/json; charset=utf-8")] + securityHeaders, body: body)
    }

    public static func html(status: Int = 200, _ text: String) -> HTTPResponse {
        HTTPResponse(
            status: status, headers: [("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-cache")] + securityHeaders,
            body: Array(text.utf8))
    }

    public static func redirect(_ location: String, status: Int = 303, headers: [(String, String)] = []) -> HTTPResponse {
        HTTPResponse(
            status: status, headers: [("Location", location), ("Content-Type", "text/plain; charset=utf-8")] + headers + securityHeaders,
            body: Array("See \(location)".utf8))
    }

    /// A CSV download (`name`.csv).
    static func csv(_ text: String, name: String) -> HTTPResponse {
        HTTPResponse(
            status: 200,
            headers: [
                ("Content-Type", CSVExport.contentType),
                ("Content-Disposition", "attachment; filename=\"\(name).csv\""),
            ] + securityHeaders,
            body: Array(text.utf8))
    }

    /// The one JSON error shape of the API: {"error": {"status": 400, "message": "…"}}.
    public static func jsonError(_ status: Int, _ message: String) -> HTTPResponse {
        json(ErrorBody(error: .init(status: status, message: message)), status: status)
    }

    struct ErrorBody: Encodable {
        struct Detail: Encodable {
            let status: Int
            let message: String
        }
        let error: Detail
    }
}
