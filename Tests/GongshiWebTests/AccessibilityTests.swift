import Foundation
import GongshiStore
import GongshiTestSupport
import Testing

/// axe-core 4.12 (scripts/install-axe.sh puts axe.min.js in .build/axe/) on every page type,
/// in Chromium, in the normal, large-font and high-contrast modes: no serious or critical
/// violation. The page is fetched from the live server as a browser would get it (the mode
/// is the preferences cookie), axe and a runner are added, and Chromium loads that copy from
/// a file with `<base>` pointing at the server, so styles and scripts apply; the runner writes
/// the violations into the DOM, which --dump-dom returns.
@Suite(.serialized) struct AccessibilityTests {
    static let axeScript = ProjectPaths.root.appendingPathComponent(".build/axe/axe.min.js")

    struct Violation: Decodable, CustomStringConvertible {
        let id: String
        let impact: String?
        let nodes: Int
        let targets: [String]
        var description: String { "\(id) (\(impact ?? "?")) × \(nodes): \(targets.joined(separator: " | "))" }
    }

    static let runner = """
        <script>
        axe.run(document, {resultTypes: ['violations']}).then(function (r) {
          var out = document.createElement('pre');
          out.id = 'axe-results';
          out.textContent = JSON.stringify(r.violations.map(function (v) {
            return {id: v.id, impact: v.impact, nodes: v.nodes.length,
                    targets: v.nodes.slice(0, 3).map(function (n) { return n.target.join(' '); })};
          }));
          document.body.appendChild(out);
        }, function (e) {
          var out = document.createElement('pre');
          out.id = 'axe-error';
          out.textContent = String(e);
          document.body.appendChild(out);
        });
        </script>
        """

    /// Page paths of every type, with real ids from the fixture index.
    static func pages() throws -> [(name: String, path: String)] {
        let database = try FixtureIndex.database()
        let (code, notice, policy) = try database.read { db in
            (
                try String.fetchOne(db, sql: "SELECT code FROM org ORDER BY code LIMIT 1") ?? "",
                try String.fetchOne(db, sql: "SELECT id FROM notice ORDER BY id LIMIT 1") ?? "",
                try String.fetchOne(db, sql: "SELECT id FROM document WHERE kind = 'regulation' ORDER BY id LIMIT 1") ?? ""
            )
        }
        return [
            ("home", "/"),
            ("search", "/search?q=%E7%A4%BE%E4%BC%9A%E5%9B%A2%E4%BD%93"),
            ("policies", "/policies"),
            ("policy", "/policies/\(policy)"),
            ("orgs", "/orgs"),
            ("organization", "/orgs/\(code)"),
            ("credit", "/credit/abnormal"),
            ("notices", "/notices"),
            ("notice", "/notices/\(notice)"),
            ("stats", "/stats"),
            ("ask", "/ask?q=%E6%88%90%E7%AB%8B%E7%A4%BE%E4%BC%9A%E5%9B%A2%E4%BD%93%E9%9C%80%E8%A6%81%E4%BB%80%E4%B9%88%E6%9D%A1%E4%BB%B6"),
            ("guides", "/guides"),
            ("guide", "/guides/shetuan-chengli"),
            ("api", "/api/"),
        ]
    }

    /// The violations axe finds on one page in one mode.
    static func violations(port: UInt16, path: String, cookie: String?) throws -> [Violation] {
        let connection = try RawConnection(port: port)
        defer { connection.close() }
        try connection.send("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n" + (cookie.map { "Cookie: \($0)\r\n" } ?? "") + "\r\n")
        let (head, body) = try connection.readResponse()
        try #require(head.hasPrefix("HTTP/1.1 200"), "\(path): \(head.prefix(40))")
        var html = String(decoding: body, as: UTF8.self)
        let script = try String(contentsOf: axeScript, encoding: .utf8)
        html = html.replacingOccurrences(of: "<head>", with: "<head><base href=\"http://127.0.0.1:\(port)/\">")
        let addition = "<script>\(script)</script>\(runner)"
        if let end = html.range(of: "</body>", options: .backwards) {
            html.replaceSubrange(end, with: addition + "</body>")
        } else {
            html += addition
        }
        let file = Scratch.directory.appendingPathComponent("axe-\(UUID().uuidString).html")
        try html.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let dom = try Chromium.run(["--dump-dom"], url: file.absoluteString, virtualTimeMilliseconds: 10_000)
        if let error = dom.firstMatch(of: /<pre id="axe-error">([^<]*)<\/pre>/) { Issue.record("axe failed on \(path): \(error.1)") }
        let json = try #require(dom.firstMatch(of: /<pre id="axe-results">([^<]*)<\/pre>/)?.1, "axe wrote no results for \(path)")
        let text = String(json).replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
        return try JSONDecoder().decode([Violation].self, from: Data(text.utf8))
    }

    @Test(arguments: [("normal", nil), ("large-font", "gongshi_prefs=font-large"), ("high-contrast", "gongshi_prefs=contrast-high")] as [(String, String?)])
    func noSeriousOrCriticalViolationOnAnyPage(mode: String, cookie: String?) throws {
        try #require(
            FileManager.default.fileExists(atPath: Self.axeScript.path),
            "axe.min.js is missing: run scripts/install-deps.sh --test (make test does)")
        let server = try WebTestIndex.startServer()
        defer { server.stop() }
        for page in try Self.pages() {
            let found = try Self.violations(port: server.port, path: page.path, cookie: cookie)
            let blocking = found.filter { $0.impact == "serious" || $0.impact == "critical" }
            #expect(blocking.isEmpty, "\(page.name) (\(mode)): \(blocking)")
        }
    }
}
