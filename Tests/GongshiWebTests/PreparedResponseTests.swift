import Testing

@testable import GongshiWeb

/// Responses built once for the server (static files): handed out as they are, and no
/// longer used as soon as anything in the value changes.
@Suite struct PreparedResponseTests {
    @Test func staticAnswersShareOnePreparedResponsePerVariant() throws {
        let router = try WebTestIndex.router()
        let plain = router.handle(HTTPRequest(path: "/static/css/site.css"))
        let again = router.handle(HTTPRequest(method: "HEAD", path: "/static/css/site.css"))
        let prepared = try #require(plain.prepared)
        #expect(again.prepared === prepared)
        let gzipped = router.handle(HTTPRequest(path: "/static/css/site.css", headers: ["Accept-Encoding": "gzip"]))
        #expect(gzipped.header("Content-Encoding") == "gzip")
        #expect(gzipped.prepared != nil && gzipped.prepared !== prepared)
        let notModified = router.handle(HTTPRequest(path: "/static/css/site.css", headers: ["If-None-Match": plain.header("ETag") ?? ""]))
        #expect(notModified.status == 304)
        #expect(notModified.prepared != nil && notModified.prepared !== prepared)
        // Everything else is built per request.
        #expect(router.handle(HTTPRequest(path: "/healthz")).prepared == nil)
        #expect(router.handle(HTTPRequest(path: "/static/css/none.css")).prepared == nil)
    }

    @Test func aChangeDropsThePreparedForm() {
        let response = HTTPResponse(status: 200, headers: [("Content-Type", "text/plain")], body: Array("hello".utf8)).prebuilt()
        #expect(response.prepared != nil)
        var headers = response
        headers.headers.append(("Content-Encoding", "gzip"))
        #expect(headers.prepared == nil)
        var body = response
        body.body = []
        #expect(body.prepared == nil)
        var status = response
        status.status = 404
        #expect(status.prepared == nil)
        #expect(response.prepared != nil)
    }

    /// The server's shortcut (no HTTPRequest) gives what `handle` gives, and nil for
    /// anything that is not a static file, which `handle` then answers.
    @Test(
        arguments: [
            ("/static/css/site.css", [:]), ("/static/css/site.css", ["accept-encoding": "gzip"]),
            ("/static/css/site.css", ["if-none-match": "*"]), ("/static/js/suggest.js", ["if-none-match": "\"x\", \"y\""]),
        ] as [(String, [String: String])])
    func shortcutAnswersAsHandle(path: String, headers: [String: String]) throws {
        let router = try WebTestIndex.router()
        let viaHandle = router.handle(HTTPRequest(path: path, headers: headers))
        let viaShortcut = try #require(router.staticFile(path: path, header: { headers[$0] }))
        #expect(viaShortcut.status == viaHandle.status)
        #expect(viaShortcut.headers.map { "\($0.0): \($0.1)" } == viaHandle.headers.map { "\($0.0): \($0.1)" })
        #expect(viaShortcut.body == viaHandle.body)
    }

    @Test(arguments: ["/static/", "/static/css/none.css", "/static/../Package.swift", "/static//etc/passwd", "/", "/healthz", "/staticx/css/site.css"])
    func shortcutLeavesOtherPathsToHandle(path: String) throws {
        #expect(try WebTestIndex.router().staticFile(path: path, header: { _ in nil }) == nil)
    }
}
