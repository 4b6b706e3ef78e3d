import Foundation
import GongshiWeb
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 17, findings 2 and 5: idle and slow clients cannot lock others out, oversized heads
/// get a 431 with our headers, `%00` is never cut off.
@Suite(.serialized) struct ConnectionFaultTests {
    /// A TCP connection to 127.0.0.1:`port` from `source` (127.0.0.x: another client address).
    final class Client {
        let fd: Int32
        init(port: UInt16, source: String = "127.0.0.1", timeout: Int = 5) throws {
            fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var tv = timeval(tv_sec: timeout, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
            var local = sockaddr_in()
            local.sin_family = sa_family_t(AF_INET)
            local.sin_addr.s_addr = inet_addr(source)
            var remote = sockaddr_in()
            remote.sin_family = sa_family_t(AF_INET)
            remote.sin_port = port.bigEndian
            remote.sin_addr.s_addr = inet_addr("127.0.0.1")
            let bound = withUnsafePointer(to: &local) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            let connected = withUnsafePointer(to: &remote) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard bound == 0, connected == 0 else {
                Glibc.close(fd)
                throw RawConnection.Failure(message: "connect from \(source)")
            }
        }
        deinit { Glibc.close(fd) }

        @discardableResult func send(_ bytes: [UInt8]) -> Bool { Glibc.send(fd, bytes, bytes.count, Int32(MSG_NOSIGNAL)) == bytes.count }

        /// Everything until the server closes or `limit` bytes; "" when reset or timed out.
        func readHead() -> String {
            var out: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 65536)
            while out.count < 65536 {
                let n = recv(fd, &chunk, chunk.count, 0)
                if n <= 0 { break }
                out += chunk[0..<n]
                if let end = String(decoding: out, as: UTF8.self).range(of: "\r\n\r\n") {
                    return String(String(decoding: out, as: UTF8.self)[..<end.lowerBound])
                }
            }
            return String(decoding: out, as: UTF8.self)
        }

        /// True when the server has closed the connection (reads end of stream or a reset).
        func isClosed() -> Bool {
            var byte: UInt8 = 0
            return recv(fd, &byte, 1, Int32(MSG_DONTWAIT)) == 0 || errno == ECONNRESET
        }
    }

    static func server(_ configure: (inout HTTPServer.Options) -> Void = { _ in }) throws -> HTTPServer {
        let server = HTTPServer(router: try WebTestIndex.router())
        var options = HTTPServer.Options()
        options.port = 0
        configure(&options)
        try server.start(options)
        return server
    }

    @Test func nulInAPathIsA400NotCutOff() throws {
        let server = try Self.server()
        defer { server.stop() }
        for target in ["/healthz%00x", "/healthz%00", "/orgs/%00", "/healthz%C0%80"] {
            let client = try Client(port: server.port)
            client.send(Array("GET \(target) HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".utf8))
            let head = client.readHead()
            #expect(head.hasPrefix("HTTP/1.1 400"), "\(target): \(head.prefix(40))")
            #expect(head.contains("nosniff"))
        }
        // A %00 in a query value keeps the rest of the value (no 500, no cut).
        let client = try Client(port: server.port)
        client.send(Array("GET /api/search?q=%E7%A4%BE%00%E4%BC%9A HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".utf8))
        #expect(client.readHead().hasPrefix("HTTP/1.1 200"))
    }

    /// Heads up to 56 KB in one header, or up to 40 KB in headers of ~110 bytes, reach our
    /// check. Beyond (or with thousands of tiny headers) libmicrohttpd 0.9.75 answers 431 by
    /// itself, without our headers (see README, Reliability).
    @Test(arguments: [32_000, 33_000, 40_000, 48_000, 56_000])
    func oversizedHeadsGet431WithOurHeaders(size: Int) throws {
        let server = try Self.server()
        defer { server.stop() }
        for many in size <= 40_000 ? [false, true] : [false] {
            let client = try Client(port: server.port)
            let headers =
                many
                ? (0..<(size / 110)).map { "X-H\($0): \(String(repeating: "a", count: 100))\r\n" }.joined()
                : "X-Big: \(String(repeating: "a", count: size))\r\n"
            client.send(Array("GET /healthz HTTP/1.1\r\nHost: x\r\n\(headers)\r\n".utf8))
            let head = client.readHead()
            let expected = size + 40 > HTTPServer.maxHeadBytes ? "HTTP/1.1 431" : "HTTP/1.1 200"
            #expect(head.hasPrefix(expected), "\(size) bytes, many: \(many) → \(head.prefix(40))")
            #expect(head.contains("X-Content-Type-Options: nosniff"), "\(size) bytes, many: \(many)")
        }
    }

    /// The deadline does not restart on every byte: one byte every 200 ms is cut at ~1 s.
    @Test func aSlowHeadIsCutAtItsDeadline() throws {
        let server = try Self.server { $0.headTimeoutSeconds = 1 }
        defer { server.stop() }
        let client = try Client(port: server.port)
        let started = Date()
        var closedAfter: Double?
        for byte in Array("GET /healthz HTTP/1.1\r\nX-Slow: ".utf8) + Array(repeating: UInt8(ascii: "a"), count: 40) {
            if !client.send([byte]) || client.isClosed() {
                closedAfter = Date().timeIntervalSince(started)
                break
            }
            usleep(200_000)
        }
        let seconds = try #require(closedAfter, "still open after 8 s")
        #expect(seconds < 3, "closed after \(seconds) s")
        #expect(server.headTimeouts >= 1)
        // A kept-alive connection that sends its requests in time is not cut.
        let fine = try Client(port: server.port)
        for _ in 0..<3 {
            fine.send(Array("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
            #expect(fine.readHead().hasPrefix("HTTP/1.1 200"))
            usleep(600_000)
        }
    }

    /// Idle connections from one address take at most their share; another address is served.
    @Test func idleConnectionsFromOneAddressDoNotLockOthersOut() throws {
        let server = try Self.server {
            $0.perAddressLimit = 8
            $0.connectionLimit = 32
        }
        defer { server.stop() }
        var idle: [Client] = []
        for _ in 0..<40 { if let c = try? Client(port: server.port) { idle.append(c) } }
        usleep(300_000)
        let open = idle.filter { !$0.isClosed() }.count
        #expect(open <= 8, "\(open) idle connections kept from one address")
        for _ in 0..<5 {
            let client = try Client(port: server.port, source: "127.0.0.2", timeout: 2)
            client.send(Array("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".utf8))
            #expect(client.readHead().hasPrefix("HTTP/1.1 200"))
        }
        _ = idle
    }
}
