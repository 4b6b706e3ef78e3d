import CHTTPServer
import Foundation
import GongshiStore

/// The files of `Static/`, read once at start and served from memory with ETag,
/// Last-Modified, Cache-Control and a gzip copy. Only files found at start are served,
/// so no request path can reach outside the directory. Every answer a file can get (200,
/// its gzip form, 304) is built once at start and handed out as it is: the server then
/// queues the same prepared response for every request instead of building one each time.
public struct StaticFiles: Sendable {
    /// One of the answers built at start, by position. A plain value: the server's threads
    /// pick answers at once, and copying responses would count references on objects they
    /// all share (the cache line bouncing between cores costs more than the lookup).
    struct Answer: Sendable { let index: Int }

    /// A file's answers: 200, its gzip form when smaller, and 304.
    struct Asset: Sendable {
        let plain: Answer
        let gzipped: Answer?
        let notModified: Answer
    }

    static let maxFileBytes = 4 << 20
    static let maxTotalBytes = 64 << 20

    private let assets: [String: Asset]
    private let answers: [HTTPResponse]

    public var count: Int { assets.count }

    /// An empty set (for tests of handlers that serve no static files).
    public init() {
        assets = [:]
        answers = []
    }

    /// `extraHeaders` go on every answer (a snapshot node's generation).
    public init(directory: String, extraHeaders: [(String, String)] = []) throws(WebError) {
        let root = URL(fileURLWithPath: directory).standardizedFileURL
        guard
            let enumerator = FileManager.default.enumerator(
                at: root, includingPropertiesForKeys: [.isRegularFileKey, .contentModificationDateKey, .fileSizeKey])
        else {
            throw WebError("static directory not found", path: directory)
        }
        var assets: [String: Asset] = [:]
        var answers: [HTTPResponse] = []
        func add(_ response: HTTPResponse) -> Answer {
            answers.append(response.prebuilt())
            return Answer(index: answers.count - 1)
        }
        var total = 0
        for case let url as URL in enumerator {
            let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .contentModificationDateKey, .fileSizeKey])
            guard values?.isRegularFile == true, !url.lastPathComponent.hasPrefix(".") else { continue }
            let size = values?.fileSize ?? 0
            guard size <= Self.maxFileBytes else { throw WebError("static file larger than \(Self.maxFileBytes) bytes", path: url.path) }
            total += size
            guard total <= Self.maxTotalBytes else { throw WebError("static files exceed \(Self.maxTotalBytes) bytes", path: directory) }
            guard let data = try? Data(contentsOf: url) else { throw WebError("cannot read static file", path: url.path) }
            let relative = String(url.standardizedFileURL.path.dropFirst(root.path.count)).trimmingCharacters(in: CharacterSet(charactersIn: "/"))
            // Standardized paths hold no "." or ".." segment; requests are answered by key
            // lookup alone, so make sure no key could ever look like a way out.
            guard !relative.split(separator: "/", omittingEmptySubsequences: false).contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) else { continue }
            let body = Array(data)
            let type = Self.contentType(url.pathExtension)
            let validators =
                [
                    ("ETag", "\"\(StableHash.hex(of: body))\""),
                    ("Last-Modified", HTTPDate.format(values?.contentModificationDate ?? Date())),
                    ("Cache-Control", "public, max-age=3600"), ("Vary", "Accept-Encoding"),
                ] + HTTPResponse.securityHeaders + extraHeaders
            let head = [("Content-Type", type)] + validators
            assets[relative] = Asset(
                plain: add(HTTPResponse(status: 200, headers: head, body: body)),
                gzipped: (Self.compressible(type) ? Self.gzip(body) : nil).map {
                    add(HTTPResponse(status: 200, headers: head + [("Content-Encoding", "gzip")], body: $0))
                },
                notModified: add(HTTPResponse(status: 304, headers: validators, body: [])))
        }
        self.assets = assets
        self.answers = answers
    }

    /// The answer to `/static/<relative>`; nil when there is no such file. Only a lookup
    /// among the keys found at start (see init), so "..", "." or "//" simply find nothing.
    /// `header` gives a request header by its lower-case name.
    func answer(relativePath: String, header: (String) -> String?) -> Answer? {
        guard let asset = assets[relativePath] else { return nil }
        if let match = header("if-none-match") {
            let etag = response(asset.notModified).header("ETag")
            if match.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == etag || $0.trimmingCharacters(in: .whitespaces) == "*" }
            ) {
                return asset.notModified
            }
        } else if let since = header("if-modified-since"), since == response(asset.notModified).header("Last-Modified") {
            return asset.notModified
        }
        if let gzipped = asset.gzipped, Self.acceptsGzip(header("accept-encoding")) { return gzipped }
        return asset.plain
    }

    func response(_ answer: Answer) -> HTTPResponse { answers[answer.index] }

    /// The status and prepared form of `answer`, read in place rather than from a copy of
    /// the response (see `Answer`); no prepared form when memory ran out at start.
    func prepared(_ answer: Answer) -> (status: Int, prepared: OpaquePointer?) {
        (answers[answer.index].status, answers[answer.index].prepared?.handle)
    }

    static func acceptsGzip(_ header: String?) -> Bool {
        guard let header, header.utf8.count <= 1024 else { return false }
        return header.split(separator: ",").contains { part in
            let fields = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard fields.first == "gzip" else { return false }
            return !fields.dropFirst().contains { $0.replacingOccurrences(of: " ", with: "") == "q=0" }
        }
    }

    static func contentType(_ ext: String) -> String {
        switch ext.lowercased() {
        case "css": return "text/css; charset=utf-8"
        case "js": return "text/javascript; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "ico": return "image/x-icon"
        case "json": return "application/json; charset=utf-8"
        case "txt": return "text/plain; charset=utf-8"
        case "html": return "text/html; charset=utf-8"
        case "woff2": return "font/woff2"
        default: return "application/octet-stream"
        }
    }

    static func compressible(_ type: String) -> Bool {
        type.hasPrefix("text/") || type.hasPrefix("application/json") || type == "image/svg+xml"
    }

    /// The gzip form, or nil when compression does not make it smaller.
    static func gzip(_ body: [UInt8], level: Int32 = 9) -> [UInt8]? {
        guard body.count > 256 else { return nil }
        var out = [UInt8](repeating: 0, count: gongshi_gzip_bound(body.count))
        let capacity = out.count
        let written = body.withUnsafeBytes { input in
            out.withUnsafeMutableBytes { output in
                gongshi_gzip(input.baseAddress, input.count, output.baseAddress, capacity, level)
            }
        }
        guard written > 0, written < body.count else { return nil }
        return Array(out.prefix(written))
    }
}

/// RFC 9110 IMF-fixdate.
enum HTTPDate {
    static func format(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }
}
