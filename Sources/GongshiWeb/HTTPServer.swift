import CHTTPServer
import Foundation
import Logging

/// The only file that knows libmicrohttpd (through CHTTPServer): turns each callback
/// into an `HTTPRequest`, asks the router, writes the `HTTPResponse`.
public final class HTTPServer: @unchecked Sendable {
    public struct Options: Sendable {
        public var host = "127.0.0.1"
        public var port: UInt16 = 8080
        public var threads = 4
        public var connectionLimit = 512
        public var timeoutSeconds = 30
        /// Per connection; bounds the request line and headers. libmicrohttpd clears
        /// this pool for every request, so it is kept no larger than needed.
        public var memoryLimit = 32 * 1024

        public init() {}
    }

    public enum ServerError: Error, CustomStringConvertible {
        case start(String)
        public var description: String { switch self { case .start(let why): return "无法启动服务：\(why)" } }
    }

    private let router: Router
    private let logger: Logger
    private var server: OpaquePointer?
    // Immutable after start; the C callback reaches it through an unretained pointer.
    private final class Context: @unchecked Sendable {
        let router: Router
        let logger: Logger
        init(router: Router, logger: Logger) { self.router = router; self.logger = logger }
    }
    private var context: Unmanaged<Context>?

    public private(set) var port: UInt16 = 0

    public init(router: Router, logger: Logger = Logger(label: "gongshi.http")) {
        self.router = router
        self.logger = logger
    }

    public func start(_ options: Options) throws(ServerError) {
        let context = Unmanaged.passRetained(Context(router: router, logger: logger))
        var error = [CChar](repeating: 0, count: 256)
        let handle: OpaquePointer? = options.host.withCString { host in
            var o = GongshiHTTPOptions(host: host, port: options.port, threads: UInt32(options.threads),
                                       connectionLimit: UInt32(options.connectionLimit),
                                       timeoutSeconds: UInt32(options.timeoutSeconds), memoryLimit: options.memoryLimit)
            return gongshi_http_start(&o, HTTPServer.handle, context.toOpaque(), &error, error.count)
        }
        guard let handle else {
            context.release()
            throw .start(String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        self.server = handle
        self.context = context
        self.port = gongshi_http_port(handle)
    }

    /// Stops accepting connections and lets requests in flight finish.
    public func stop() {
        guard let server else { return }
        gongshi_http_stop(server)
        self.server = nil
        context?.release()
        context = nil
    }

    deinit { stop() }

    private static let handle: GongshiHTTPHandler = { context, request, respond, token in
        guard let context, let request, let respond else { return }
        let ctx = Unmanaged<Context>.fromOpaque(context).takeUnretainedValue()
        let started = DispatchTime.now().uptimeNanoseconds
        let r = request.pointee
        func pairs(_ list: UnsafePointer<GongshiHTTPPair>?, _ count: Int32) -> [String: String] {
            var out: [String: String] = [:]
            guard let list else { return out }
            for i in 0..<Int(count) {
                guard let key = list[i].key else { continue }
                out[String(decoding: HTTPServer.bytes(key), as: UTF8.self)] = list[i].value.map { String(decoding: HTTPServer.bytes($0), as: UTF8.self) } ?? ""
            }
            return out
        }
        let httpRequest = HTTPRequest(method: r.method.map { String(cString: $0) } ?? "GET",
                                      path: r.path.map { String(decoding: HTTPServer.bytes($0), as: UTF8.self) } ?? "/",
                                      query: pairs(r.query, r.queryCount),
                                      headers: pairs(r.headers, r.headerCount))
        let response = ctx.router.handle(httpRequest)
        let headers = response.headers
        // Keep the C strings alive until respond() has copied them.
        let keys = headers.map { strdup($0.0) }
        let values = headers.map { strdup($0.1) }
        defer { keys.forEach { free($0) }; values.forEach { free($0) } }
        var cHeaders = (0..<headers.count).map { GongshiHTTPPair(key: keys[$0], value: values[$0]) }
        response.body.withUnsafeBufferPointer { body in
            cHeaders.withUnsafeMutableBufferPointer { h in
                var out = GongshiHTTPResponse(status: Int32(response.status),
                                              body: body.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) },
                                              bodyLength: body.count, headers: h.baseAddress, headerCount: Int32(h.count))
                respond(token, &out)
            }
        }
        let micros = (DispatchTime.now().uptimeNanoseconds - started) / 1000
        ctx.logger.info("\(httpRequest.method) \(httpRequest.path) \(response.status) \(micros)µs")
    }

    /// The bytes of a C string (which may hold invalid UTF-8: decoded leniently).
    private static func bytes(_ pointer: UnsafePointer<CChar>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: strlen(pointer))
    }
}
