import Foundation
import GongshiWeb
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The real server on a loopback port.
@Suite(.serialized) struct LiveServerTests {
    func get(_ url: URL) async throws -> (Int, Data, HTTPURLResponse) {
        let (data, response) = try await URLSession.shared.data(from: url)
        let http = try #require(response as? HTTPURLResponse)
        return (http.statusCode, data, http)
    }

    @Test func servesConcurrentRequestsAndStopsCleanly() async throws {
        let server = try WebTestIndex.startServer(threads: 2)
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
        let server = try WebTestIndex.startServer()
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

    /// Static files are answered from responses built once at start (the same object queued
    /// for every request): on one keep-alive connection, repeated requests get identical
    /// answers, and the validators, 304, gzip, HEAD and 405 behave as through the router.
    @Test func staticFilesFromPreparedResponses() throws {
        let server = try WebTestIndex.startServer()
        defer { server.stop() }
        let socket = try RawConnection(port: server.port)
        defer { socket.close() }
        func get(_ headers: String = "", method: String = "GET", hasBody: Bool = true) throws -> (head: String, body: [UInt8]) {
            try socket.send("\(method) /static/css/site.css HTTP/1.1\r\nHost: 127.0.0.1\r\n\(headers)\r\n")
            return try socket.readResponse(hasBody: hasBody)
        }
        func header(_ name: String, _ head: String) -> String? {
            head.split(separator: "\r\n").first { $0.lowercased().hasPrefix(name.lowercased() + ":") }
                .map { $0.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces) }
        }
        let file = try Data(contentsOf: WebTestIndex.projectRoot.appendingPathComponent("Static/css/site.css"))
        let first = try get()
        let second = try get()
        #expect(first.head.hasPrefix("HTTP/1.1 200"))
        #expect(first.body == Array(file))
        #expect(second.body == first.body)
        // Only the Date header may differ between the two answers.
        let withoutDate = { (head: String) in head.split(separator: "\r\n").filter { !$0.hasPrefix("Date:") } }
        #expect(withoutDate(first.head) == withoutDate(second.head))
        let etag = try #require(header("ETag", first.head))
        #expect(header("Content-Type", first.head) == "text/css; charset=utf-8")
        #expect(header("Cache-Control", first.head) == "public, max-age=3600")
        #expect(header("Vary", first.head) == "Accept-Encoding")
        #expect(header("X-Content-Type-Options", first.head) == "nosniff")
        #expect(header("Content-Security-Policy", first.head)?.contains("default-src 'self'") == true)
        #expect(header("Content-Encoding", first.head) == nil)
        #expect(header("Connection", first.head)?.lowercased() != "close")

        for validator in ["If-None-Match: \(etag)", "if-none-match: W/\"other\", \(etag)", "If-Modified-Since: \(header("Last-Modified", first.head) ?? "")"] {
            let notModified = try get(validator + "\r\n", hasBody: false)
            #expect(notModified.head.hasPrefix("HTTP/1.1 304"), "\(validator)")
            #expect(header("ETag", notModified.head) == etag)
            #expect(header("Content-Type", notModified.head) == nil)
        }
        #expect(try get("If-None-Match: \"other\"\r\n").head.hasPrefix("HTTP/1.1 200"))

        let gzipped = try get("Accept-Encoding: gzip, deflate\r\n")
        #expect(header("Content-Encoding", gzipped.head) == "gzip")
        #expect(Array(gzipped.body.prefix(2)) == [0x1f, 0x8b])
        #expect(gzipped.body.count < first.body.count)
        #expect(header("Content-Encoding", try get("Accept-Encoding: gzip;q=0\r\n").head) == nil)

        let head = try get(method: "HEAD", hasBody: false)
        #expect(head.head.hasPrefix("HTTP/1.1 200"))
        #expect(header("Content-Length", head.head) == String(file.count))
        #expect(header("ETag", head.head) == etag)
        // The connection still works after HEAD: no stray body was sent.
        #expect(try get().body == first.body)

        let post = try get("Content-Length: 0\r\n", method: "POST")
        #expect(post.head.hasPrefix("HTTP/1.1 405"))
        #expect(header("Allow", post.head) == "GET, HEAD")
        try socket.send("GET /static/css/none.css HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        #expect(try socket.readResponse().head.hasPrefix("HTTP/1.1 404"))
    }

    @Test func aBusyPortIsAClearError() throws {
        let first = try WebTestIndex.startServer()
        defer { first.stop() }
        let second = HTTPServer(router: try WebTestIndex.router())
        var options = HTTPServer.Options()
        options.port = first.port
        #expect(throws: HTTPServer.ServerError.self) { try second.start(options) }
    }
}
