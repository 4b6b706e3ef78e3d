import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import GongshiWeb
import Testing

/// The real server on a loopback port.
@Suite(.serialized) struct LiveServerTests {
    func get(_ url: URL) async throws -> (Int, Data, HTTPURLResponse) {
        let (data, response) = try await URLSession.shared.data(from: url)
        let http = try #require(response as? HTTPURLResponse)
        return (http.statusCode, data, http)
    }

    @Test func servesConcurrentRequestsAndStopsCleanly() async throws {
        let server = HTTPServer(router: try WebTestIndex.router())
        var options = HTTPServer.Options()
        options.port = 0
        options.threads = 2
        try server.start(options)
        let base = "http://127.0.0.1:\(server.port)"
        #expect(server.port != 0)

        let (status, body, _) = try await get(URL(string: "\(base)/healthz")!)
        #expect(status == 200)
        #expect(String(decoding: body, as: UTF8.self).contains("ok"))

        // Percent-encoded Chinese query, several at once.
        let url = URL(string: "\(base)/api/search?q=%E5%8E%9F%E5%A7%8B%E5%9F%BA%E9%87%91")!
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<20 { group.addTask { try await get(url).0 } }
            for try await code in group { #expect(code == 200) }
        }
        let (_, searchBody, response) = try await get(url)
        #expect(response.value(forHTTPHeaderField: "Content-Type") == "application/json; charset=utf-8")
        #expect(String(decoding: searchBody, as: UTF8.self).contains("基金会管理条例"))

        let (missing, _, _) = try await get(URL(string: "\(base)/api/none")!)
        #expect(missing == 404)

        server.stop()
        await #expect(throws: (any Error).self) { _ = try await get(URL(string: "\(base)/healthz")!) }
    }

    /// Two requests on one TCP connection: libmicrohttpd keeps it open (the handler
    /// answers on the second access-handler call, see http_server.c).
    @Test func keepAliveServesTwoRequestsOnOneConnection() throws {
        let server = HTTPServer(router: try WebTestIndex.router())
        var options = HTTPServer.Options()
        options.port = 0
        try server.start(options)
        defer { server.stop() }
        let socket = try RawConnection(port: server.port)
        defer { socket.close() }
        for path in ["/healthz", "/api/search?q=%E5%9F%BA%E9%87%91%E4%BC%9A"] {
            try socket.send("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n")
            let (head, body) = try socket.readResponse()
            #expect(head.hasPrefix("HTTP/1.1 200"))
            #expect(!head.lowercased().contains("connection: close"))
            #expect(!body.isEmpty)
        }
    }

    @Test func aBusyPortIsAClearError() throws {
        let first = HTTPServer(router: try WebTestIndex.router())
        var options = HTTPServer.Options()
        options.port = 0
        try first.start(options)
        defer { first.stop() }
        let second = HTTPServer(router: try WebTestIndex.router())
        options.port = first.port
        #expect(throws: HTTPServer.ServerError.self) { try second.start(options) }
    }
}
