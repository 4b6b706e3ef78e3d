import CHTTPServer
import Foundation
import Logging

/// The only file that knows libmicrohttpd (through CHTTPServer): turns each callback
/// into an `HTTPRequest`, asks the router, writes the `HTTPResponse`.
public final class HTTPServer: @unchecked Sendable {
    public struct Options: Sendable {
        public var host = "127.0.0.1"
        public var port: UInt16 = 8080
        /// Worker threads, which answer every routed request in arrival order; network
        /// threads (one per core, at most `threads`) only read requests and send answers.
        public var threads = 4
        /// Connections at once; by default sized for the machine (`defaultConnectionLimit`).
        public var connectionLimit = HTTPServer.defaultConnectionLimit()
        /// Connections at once from one IP address (0 = no limit): one client cannot take
        /// every slot. Behind a reverse proxy every connection comes from the proxy.
        public var perAddressLimit = 64
        /// Idle keep-alive timeout between requests.
        public var timeoutSeconds = 30
        /// A request head must be complete within this many seconds of the connection
        /// opening (or of the previous answer); slow senders are cut off (0 = no deadline).
        public var headTimeoutSeconds = 10
        /// Per connection; bounds the request line and headers. libmicrohttpd clears this
        /// pool for every request. Twice `maxHeadBytes`, so that a head over our limit still
        /// reaches us (and gets a 431 with our headers) instead of exhausting the pool.
        public var memoryLimit = 2 * HTTPServer.maxHeadBytes

        public init() {}
    }

    /// The request line and headers together; a longer head is answered 431.
    public static let maxHeadBytes = 32 * 1024

    /// What the descriptor limit allows, keeping 64 for the database and files, at most
    /// 16,384 (each connection may hold a 64 KB pool when busy).
    public static func defaultConnectionLimit() -> Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 512 }
        let descriptors = limit.rlim_cur > rlim_t(1 << 20) ? 1 << 20 : Int(limit.rlim_cur)
        return max(32, min(descriptors - 64, 16_384))
    }

    /// Raises the soft descriptor limit to the hard one (servers need many sockets).
    public static func raiseDescriptorLimit() {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < limit.rlim_max else { return }
        limit.rlim_cur = limit.rlim_max
        _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    }

    public enum ServerError: Error, CustomStringConvertible {
        case start(String)
        public var description: String {
            switch self {
            case .start(let why): return "无法启动服务：\(why)"
            }
        }
    }

    private let router: Router
    private let logger: Logger
    private var server: OpaquePointer?
    // Immutable after start; the C callback reaches it through an unretained pointer.
    private final class Context: @unchecked Sendable {
        let router: Router
        let logger: Logger
        let metrics: ServerMetrics
        let beforeRouting: (@Sendable (String, [String: String]) -> Void)?
        init(router: Router, logger: Logger, beforeRouting: (@Sendable (String, [String: String]) -> Void)?) {
            self.router = router
            self.logger = logger
            self.beforeRouting = beforeRouting
            metrics = router.site.node.metrics
        }

        /// The static answer for `path` with its status and prepared form. A method here
        /// rather than calls through `ctx.router` in the handler, where Swift copied the
        /// whole Router (a retain and a release of every part of the site per request).
        func staticFile(path: String, header: (String) -> String?) -> (answer: StaticFiles.Answer, status: Int, prepared: OpaquePointer?)? {
            guard let answer = router.staticAnswer(path: path, header: header) else { return nil }
            let (status, prepared) = router.site.files.prepared(answer)
            return (answer, status, prepared)
        }

        /// The router's answer, through a method for the same reason.
        func route(_ request: HTTPRequest) -> HTTPResponse { router.handle(request) }
    }
    private var context: Unmanaged<Context>?
    private var connectionCounter: ConnectionCounter?

    public private(set) var port: UInt16 = 0

    /// For tests: called on the worker thread with the path and query of each routed
    /// request before the router (a slow request on demand). Set before `start`.
    var beforeRouting: (@Sendable (String, [String: String]) -> Void)?

    public init(router: Router, logger: Logger = Logger(label: "gongshi.http")) {
        self.router = router
        self.logger = logger
    }

    public func start(_ options: Options) throws(ServerError) {
        let context = Unmanaged.passRetained(Context(router: router, logger: logger, beforeRouting: beforeRouting))
        var error = [CChar](repeating: 0, count: 256)
        let handle: OpaquePointer? = options.host.withCString { host in
            var o = GongshiHTTPOptions(
                host: host, port: options.port, threads: UInt32(options.threads),
                connectionLimit: UInt32(options.connectionLimit),
                perAddressLimit: UInt32(max(options.perAddressLimit, 0)),
                timeoutSeconds: UInt32(options.timeoutSeconds),
                headTimeoutSeconds: UInt32(max(options.headTimeoutSeconds, 0)), memoryLimit: options.memoryLimit)
            return gongshi_http_start(&o, HTTPServer.handle, context.toOpaque(), &error, error.count)
        }
        guard let handle else {
            context.release()
            throw .start(String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        self.server = handle
        self.context = context
        self.port = gongshi_http_port(handle)
        let counter = ConnectionCounter(handle)
        connectionCounter = counter
        router.site.node.metrics.connect(connections: { counter.count }, abandoned: { counter.abandoned })
    }

    /// Connections closed so far because their request head missed the deadline.
    public var headTimeouts: Int { server.map { Int(gongshi_http_head_timeouts($0)) } ?? 0 }

    /// Requests dropped unanswered because their client closed the connection while they
    /// waited for a worker.
    public var abandonedRequests: Int { server.map { Int(gongshi_http_abandoned($0)) } ?? 0 }

    /// Stops accepting connections and lets requests in flight finish.
    public func stop() {
        guard let server else { return }
        connectionCounter?.detach()
        gongshi_http_stop(server)
        self.server = nil
        context?.release()
        context = nil
    }

    deinit { stop() }

    /// Called first on the network thread that read the request, which answers static files
    /// and refused heads itself (microseconds) and hands anything routed to the worker
    /// threads (returns 1), where it is called again.
    private static let handle: GongshiHTTPHandler = { context, request, respond, token in
        guard let context, let request, let respond else { return 0 }
        let ctx = Unmanaged<Context>.fromOpaque(context).takeUnretainedValue()
        let started = DispatchTime.now().uptimeNanoseconds
        let r = request.pointee
        func pairs(_ list: UnsafePointer<GongshiHTTPPair>?, _ count: Int32, lowercasingKeys: Bool) -> [String: String] {
            var out: [String: String] = [:]
            guard let list, count > 0 else { return out }
            out.reserveCapacity(Int(count))
            for i in 0..<Int(count) {
                guard let key = list[i].key else { continue }
                let name = String(decoding: HTTPServer.bytes(key), as: UTF8.self)
                out[lowercasingKeys ? name.lowercased() : name] = list[i].value.map { String(decoding: HTTPServer.bytes($0), as: UTF8.self) } ?? ""
            }
            return out
        }
        let method = r.method.map { String(cString: $0) } ?? "GET"
        let path = r.path.map { String(decoding: HTTPServer.bytes($0), as: UTF8.self) } ?? "/"
        // A prepared response is queued as it is; any other is copied by the C layer.
        func send(_ status: Int, _ prepared: OpaquePointer?, _ response: () -> HTTPResponse) {
            if let prepared {
                var out = GongshiHTTPResponse(
                    status: Int32(status), body: nil, bodyLength: 0, headers: nil, headerCount: 0,
                    prepared: prepared, file: nil)
                respond(token, &out)
            } else {
                withCResponse(response()) { respond(token, $0) }
            }
        }
        let status: Int
        if let problem = HTTPServer.headProblem(r) {
            // Answered here, with our headers, rather than by libmicrohttpd or the router.
            let response =
                problem.status == 431 || path.hasPrefix("/api/") || problem.status == 414
                ? HTTPResponse.jsonError(problem.status, problem.message)
                : ctx.router.site.errors.response(HTTPProblem(problem.status, "请求有误", problem.message), to: HTTPRequest(path: "/"), form: .html)
            status = response.status
            send(status, nil) { response }
        } else
        // Static files first, without the dictionaries of an HTTPRequest: they are most of
        // the requests and answered from prepared responses, so building those would cost more.
        if method == "GET" || method == "HEAD",
            let file = ctx.staticFile(path: path, header: { HTTPServer.value(of: $0, in: r.headers, r.headerCount) })
        {
            status = file.status
            send(status, file.prepared) { ctx.router.site.files.response(file.answer) }
        } else if r.deferrable != 0 {
            return 1
        } else {
            let query = pairs(r.query, r.queryCount, lowercasingKeys: false)
            ctx.beforeRouting?(path, query)
            let response = ctx.route(
                HTTPRequest(
                    method: method, path: path,
                    query: query,
                    lowercasedHeaders: pairs(r.headers, r.headerCount, lowercasingKeys: true),
                    body: r.body.map { Array(UnsafeRawBufferPointer(start: $0, count: r.bodyLength)) } ?? [],
                    clientAddress: r.clientAddress.map { String(cString: $0) } ?? ""))
            status = response.status
            send(status, response.prepared?.handle) { response }
        }
        let nanos = DispatchTime.now().uptimeNanoseconds - started
        ctx.metrics.observe(path: path, status: status, nanoseconds: nanos)
        let micros = nanos / 1000
        ctx.logger.info(Logger.Message(stringLiteral: accessLine(method, path, status, micros)))
        return 0
    }

    /// A request refused before routing: a head over `maxHeadBytes` (431), a path and query
    /// over 16 KB (414), or a path with a control character (a `%00` arrives as C0 80 from
    /// the C layer) or bytes that are not UTF-8 (400), which would otherwise be cut short
    /// or decoded leniently into another path.
    private static func headProblem(_ r: GongshiHTTPRequest) -> (status: Int, message: String)? {
        func length(_ p: UnsafePointer<CChar>?) -> Int { p.map { strlen($0) } ?? 0 }
        var target = length(r.path)
        for i in 0..<Int(max(r.queryCount, 0)) { target += length(r.query?[i].key) + length(r.query?[i].value) + 2 }
        if r.headBytes > maxHeadBytes { return (431, "请求头过大（最多 \(maxHeadBytes / 1024) KB）") }
        if target > 16 * 1024 { return (414, "地址过长") }
        guard let raw = r.path else { return nil }
        let bytes = HTTPServer.bytes(raw)
        if bytes.contains(where: { $0 < 0x20 || $0 == 0x7F }) || String(validating: bytes, as: UTF8.self) == nil {
            return (400, "地址中含有控制字符或无效的编码")
        }
        return nil
    }

    /// `GET /static/css/site.css 200 41µs`, written straight into one string: every request
    /// gets one, so no intermediate strings.
    static func accessLine(_ method: String, _ path: String, _ status: Int, _ micros: UInt64) -> String {
        var method = method
        var path = path  // withUTF8 may make a string contiguous: needs var
        let capacity = method.utf8.count + path.utf8.count + 48
        return String(unsafeUninitializedCapacity: capacity) { buffer in
            var n = 0
            func put(_ bytes: UnsafeBufferPointer<UInt8>) {
                n = UnsafeMutableBufferPointer(rebasing: buffer[n...]).initialize(fromContentsOf: bytes) + n
            }
            func put(_ byte: UInt8) {
                buffer[n] = byte
                n += 1
            }
            func put(number: UInt64) {  // digits filled from the right: divisions by a constant only
                var count = 1
                var rest = number
                while rest >= 10 {
                    rest /= 10
                    count += 1
                }
                var value = number
                for i in stride(from: n + count - 1, through: n, by: -1) {
                    buffer[i] = UInt8(48 + value % 10)
                    value /= 10
                }
                n += count
            }
            method.withUTF8 { put($0) }
            put(0x20)
            path.withUTF8 { put($0) }
            put(0x20)
            if status < 0 { put(0x2D) }
            put(number: UInt64(status.magnitude))
            put(0x20)
            put(number: micros)
            put(0xC2)
            put(0xB5)
            put(0x73)  // "µs"
            return n
        }
    }

    /// `response` as the C layer takes it, valid during `body` only. The header strings
    /// go into one buffer (NUL-terminated, side by side) rather than one allocation each.
    static func withCResponse<T>(_ response: HTTPResponse, _ body: (UnsafePointer<GongshiHTTPResponse>) -> T) -> T {
        if let file = response.file {
            // Opened here, where it is handed to the C layer that closes it; a file gone
            // since the handler looked (a snapshot removed under a node) is a 500.
            let fd = open(file.path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { return withCResponse(.jsonError(500, "无法读取文件"), body) }
            var plain = response
            plain.file = nil
            plain.body = []
            var spec = GongshiHTTPFile(fd: fd, offset: file.offset, length: file.length)
            return withUnsafePointer(to: &spec) { spec in
                withCResponse(plain) { c in
                    var out = c.pointee
                    out.file = spec
                    return body(&out)
                }
            }
        }
        var text: [UInt8] = []
        var offsets: [(key: Int, value: Int)] = []
        offsets.reserveCapacity(response.headers.count)
        for (key, value) in response.headers {
            let keyOffset = text.count
            text.append(contentsOf: key.utf8)
            text.append(0)
            let valueOffset = text.count
            text.append(contentsOf: value.utf8)
            text.append(0)
            offsets.append((keyOffset, valueOffset))
        }
        return text.withUnsafeBytes { text in
            let base = text.baseAddress?.assumingMemoryBound(to: CChar.self)
            let pairs = offsets.map { o in GongshiHTTPPair(key: base.map { $0 + o.key }, value: base.map { $0 + o.value }) }
            return pairs.withUnsafeBufferPointer { pairs in
                response.body.withUnsafeBufferPointer { bytes in
                    var out = GongshiHTTPResponse(
                        status: Int32(response.status),
                        body: bytes.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) },
                        bodyLength: bytes.count, headers: pairs.baseAddress, headerCount: Int32(pairs.count),
                        prepared: nil, file: nil)
                    return body(&out)
                }
            }
        }
    }

    /// The value of header `name` (matched ignoring case, the last one when repeated, as
    /// in `HTTPRequest.headers`), "" for one without a value.
    private static func value(of name: String, in list: UnsafePointer<GongshiHTTPPair>?, _ count: Int32) -> String? {
        guard let list else { return nil }
        return name.withCString { name in
            var found: UnsafePointer<GongshiHTTPPair>?
            for i in 0..<Int(count) where list[i].key.map({ strcasecmp($0, name) == 0 }) == true { found = list + i }
            return found.map { $0.pointee.value.map { String(decoding: HTTPServer.bytes($0), as: UTF8.self) } ?? "" }
        }
    }

    /// The bytes of a C string (which may hold invalid UTF-8: decoded leniently).
    private static func bytes(_ pointer: UnsafePointer<CChar>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: strlen(pointer))
    }
}

/// Reads the open-connection and abandoned-request counts of a running server for /metrics. Holds the handle
/// without owning it; the count reads 0 once the server has stopped.
private final class ConnectionCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var handle: OpaquePointer?
    init(_ handle: OpaquePointer) { self.handle = handle }
    var count: Int { lock.withLock { handle.map { Int(gongshi_http_connections($0)) } ?? 0 } }
    var abandoned: Int { lock.withLock { handle.map { Int(gongshi_http_abandoned($0)) } ?? 0 } }
    func detach() { lock.withLock { handle = nil } }
}

/// A response built once into libmicrohttpd's form (body and headers copied), then queued
/// as it is for every request that gets it. libmicrohttpd counts the references of a
/// response and never changes a built one, so worker threads may share it.
final class PreparedResponse: @unchecked Sendable {
    let handle: OpaquePointer

    init?(_ response: HTTPResponse) {
        guard let handle = HTTPServer.withCResponse(response, { gongshi_http_prepare($0) }) else { return nil }
        self.handle = handle
    }

    deinit { gongshi_http_release(handle) }
}
