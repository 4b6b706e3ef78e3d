import Foundation
import GongshiWeb
import Testing

/// Static files: validators, gzip, and no way out of Static/.
@Suite struct StaticFilesTests {
    func get(_ path: String, headers: [String: String] = [:]) throws -> HTTPResponse {
        try WebTestIndex.router().handle(HTTPRequest(path: path, headers: headers))
    }

    @Test func servesWithValidatorsAndCaching() throws {
        let response = try get("/static/css/site.css")
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "text/css; charset=utf-8")
        #expect(response.header("Cache-Control")?.contains("max-age") == true)
        #expect(response.header("Last-Modified")?.hasSuffix("GMT") == true)
        let etag = try #require(response.header("ETag"))
        #expect(response.text.contains("font-large"))
        let again = try get("/static/css/site.css", headers: ["If-None-Match": etag])
        #expect(again.status == 304)
        #expect(again.body.isEmpty)
        let since = try get("/static/css/site.css", headers: ["If-Modified-Since": response.header("Last-Modified") ?? ""])
        #expect(since.status == 304)
    }

    @Test func gzipWhenAccepted() throws {
        let plain = try get("/static/css/site.css")
        let gzipped = try get("/static/css/site.css", headers: ["Accept-Encoding": "br, gzip;q=0.8"])
        #expect(gzipped.header("Content-Encoding") == "gzip")
        #expect(gzipped.header("Vary") == "Accept-Encoding")
        #expect(gzipped.body.count < plain.body.count)
        #expect(Array(gzipped.body.prefix(2)) == [0x1f, 0x8b])
        #expect(try get("/static/css/site.css", headers: ["Accept-Encoding": "gzip;q=0"]).header("Content-Encoding") == nil)
    }

    @Test(arguments: [
        "/static/../Package.swift", "/static/css/../../README.md", "/static/%2e%2e/Package.swift", "/static/", "/static/css/none.css", "/static//etc/passwd",
    ])
    func nothingOutsideStaticIsServed(path: String) throws {
        #expect(try get(path).status == 404)
    }
}

/// Pages and JSON are gzipped for clients that accept it.
@Suite struct CompressionTests {
    @Test func largePagesAreGzippedWhenAccepted() throws {
        let router = try WebTestIndex.router()
        let plain = router.handle(HTTPRequest(path: "/policies/shetuan-dengji-tiaoli"))
        let gzipped = router.handle(HTTPRequest(path: "/policies/shetuan-dengji-tiaoli", headers: ["Accept-Encoding": "gzip, deflate"]))
        #expect(plain.header("Content-Encoding") == nil)
        #expect(gzipped.header("Content-Encoding") == "gzip")
        #expect(gzipped.body.count * 2 < plain.body.count)
        #expect(Array(gzipped.body.prefix(2)) == [0x1f, 0x8b])
        // Small responses stay as they are.
        #expect(router.handle(HTTPRequest(path: "/healthz", headers: ["Accept-Encoding": "gzip"])).header("Content-Encoding") == nil)
    }
}
