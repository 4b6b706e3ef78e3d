import Foundation
import GongshiTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Every public page type in headless Chromium at a phone width (390 px) and a desktop width
/// (1280 px), in the normal and the large-font (大字版) mode: at 390 px nothing may scroll
/// sideways (`scrollWidth ≤ innerWidth`), and a full-page screenshot of each page, width and
/// mode is kept in artifacts/layout/ for people to look at (not committed).
@Suite(.serialized) struct LayoutTests {
    static let artifacts = ProjectPaths.root.appendingPathComponent("artifacts/layout")
    static let widths = [390, 1280]

    /// The accessibility check's page types plus the pages only a layout check tells apart.
    static func pages() throws -> [(name: String, path: String)] {
        let revoked = try FixtureIndex.database().read { db in
            try String.fetchOne(db, sql: "SELECT code FROM org WHERE status = '已撤销' ORDER BY code LIMIT 1") ?? ""
        }
        return try AccessibilityTests.pages() + [
            ("organization-revoked", "/orgs/\(revoked)"),
            ("credit-serious", "/credit/serious"),
            ("search-empty", "/search?q="),
            ("search-none", "/search?q=%E4%B8%8D%E5%AD%98%E5%9C%A8%E7%9A%84%E8%AF%8D%E8%AF%AD%E5%92%8C%E5%90%8D%E7%A7%B0xyzzy"),
            ("not-found", "/orgs/BAD"),
        ]
    }

    struct Measure: Decodable {
        let scrollWidth: Int
        let innerWidth: Int
        /// Elements sticking out on the right, for the failure message.
        let wide: [String]
    }

    static let measureScript = """
        (function () {
          var w = window.innerWidth, wide = [];
          document.querySelectorAll('body *').forEach(function (e) {
            var r = e.getBoundingClientRect();
            if (r.right > w + 0.5 && wide.length < 5) {
              wide.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && e.className.baseVal === undefined ? '.' + String(e.className).split(' ').join('.') : '') + ' right=' + Math.round(r.right));
            }
          });
          return JSON.stringify({scrollWidth: document.documentElement.scrollWidth, innerWidth: w, wide: wide});
        })()
        """

    func setViewport(_ browser: DevToolsBrowser, width: Int) throws {
        _ = try browser.call(
            "Emulation.setDeviceMetricsOverride",
            ["width": width, "height": width < 600 ? 844 : 900, "deviceScaleFactor": 1, "mobile": width < 600])
    }

    /// A full-page PNG of what the browser shows now; fails on an empty picture.
    func screenshot(_ browser: DevToolsBrowser, name: String, width: Int) throws {
        let height = Int(try browser.evaluate("document.documentElement.scrollHeight")) ?? 900
        let result = try browser.call(
            "Page.captureScreenshot",
            [
                "format": "png", "captureBeyondViewport": true,
                "clip": ["x": 0, "y": 0, "width": width, "height": min(max(height, 1), 8000), "scale": 1],
            ])
        let data = try #require((result["data"] as? String).flatMap { Data(base64Encoded: $0) }, "no screenshot of \(name)")
        #expect(data.count > 5_000, "screenshot \(name) is \(data.count) bytes")
        try data.write(to: Self.artifacts.appendingPathComponent("\(name).png"))
    }

    @Test(arguments: [("normal", "normal"), ("large-font", "large")])
    func noPageScrollsSidewaysOnAPhone(mode: String, font: String) throws {
        let server = try WebTestIndex.startServer()
        defer { server.stop() }
        let base = "http://127.0.0.1:\(server.port)"
        try FileManager.default.createDirectory(at: Self.artifacts, withIntermediateDirectories: true)
        let browser = try DevToolsBrowser()
        // The preferences cookie, set as a person sets it (the toggle link).
        try browser.open("\(base)/prefs?font=\(font)&back=%2F")
        #expect(try browser.html.contains("font-large") == (font == "large"))
        var shots = 0
        for width in Self.widths {
            try setViewport(browser, width: width)
            for page in try Self.pages() {
                try browser.open(base + page.path)
                let text = try browser.evaluate(Self.measureScript)
                let measure = try JSONDecoder().decode(Measure.self, from: Data(text.utf8))
                if width < 600 {
                    #expect(measure.innerWidth == width, "\(page.name): viewport \(measure.innerWidth)")
                    #expect(
                        measure.scrollWidth <= measure.innerWidth,
                        "\(page.name) (\(mode), \(width) px): scrollWidth \(measure.scrollWidth) > \(measure.innerWidth); \(measure.wide)")
                }
                try screenshot(browser, name: "\(page.name)-\(width)-\(mode)", width: width)
                shots += 1
            }
        }
        print("LayoutTests: \(shots) screenshots (\(mode)) in \(Self.artifacts.path)")
    }
}

extension LayoutTests {
    /// On a phone the filters of /orgs and /search are folded behind 筛选 and the first result
    /// is on the first screen; opening the disclosure (no script: a click on its summary) shows
    /// them; on a desktop they are shown without a click.
    @Test func filtersFoldBehindADisclosureOnPhones() throws {
        let server = try WebTestIndex.startServer()
        defer { server.stop() }
        let base = "http://127.0.0.1:\(server.port)"
        let browser = try DevToolsBrowser()
        let pages = [("/orgs", "table.catalogue tbody tr"), ("/search?q=%E7%A4%BE%E4%BC%9A%E5%9B%A2%E4%BD%93", "article.result")]
        // Whether the first filter control is rendered (a folded <details> skips its content).
        let filters = "String(document.querySelector('details.filter-box select, details.filter-box input, details.filter-box a').checkVisibility())"
        for (width, folded) in [(390, true), (1280, false)] {
            try setViewport(browser, width: width)
            for (path, first) in pages {
                try browser.open(base + path)
                #expect(try browser.evaluate("document.querySelectorAll('details.filter-box > summary').length") == "1", "\(path)")
                #expect(try browser.evaluate(filters) == String(!folded), "\(path) at \(width) px: filters shown ≠ \(!folded)")
                if folded {
                    let top = Double(try browser.evaluate("document.querySelector('\(first)').getBoundingClientRect().top")) ?? .infinity
                    #expect(top < 844, "\(path): the first result starts at \(top) px")
                    try browser.evaluate("document.querySelector('details.filter-box > summary').click()")
                    #expect(try browser.evaluate(filters) == "true", "\(path): 筛选 does not open")
                }
            }
        }
    }
}

extension LayoutTests {
    /// The copy-citation button of a policy article (added by script): the citation names
    /// the document with its version, the article, its words and the article's address.
    @Test func everyPolicyArticleCopiesACitationWithVersionAndAddress() throws {
        let server = try WebTestIndex.startServer()
        defer { server.stop() }
        let base = "http://127.0.0.1:\(server.port)"
        let browser = try DevToolsBrowser()
        try browser.open(base + "/policies/shetuan-dengji-tiaoli")
        let units = try browser.evaluate("String(document.querySelectorAll('section.unit').length)")
        #expect(try browser.evaluate("String(document.querySelectorAll('section.unit button.cite').length)") == units && units != "0")
        try browser.evaluate("document.querySelector('#a10 button.cite').click()")
        usleep(300_000)
        let citation = try browser.evaluate("document.querySelector('#a10 button.cite').getAttribute('data-citation')")
        #expect(citation.hasPrefix("依据《社会团体登记管理条例》（2016修订）第十条：“成立社会团体，应当具备下列条件"), "\(citation)")
        #expect(citation.hasSuffix("（\(base)/policies/shetuan-dengji-tiaoli#a10）"), "\(citation)")
        #expect(try browser.evaluate("document.querySelector('#a10 .copied').textContent").hasPrefix("已复制"))
    }
}
