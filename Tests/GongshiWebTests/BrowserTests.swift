import Foundation
import GongshiTestSupport
import GongshiWeb
import Testing

/// The pages in a real browser: Debian's headless Chromium against the live server.
/// Screenshots are kept in artifacts/browser/ for people to look at.
@Suite(.serialized) struct BrowserTests {
    func dom(_ url: String) throws -> String { try Chromium.dom(url) }

    func screenshot(_ url: String, name: String, height: Int = 1400) throws {
        try Chromium.screenshot(url, name: name, height: height)
    }

    @Test func homeSearchResultAndLargeFontInChromium() throws {
        let server = try WebTestIndex.startServer()
        defer { server.stop() }
        let base = "http://127.0.0.1:\(server.port)"

        // The home page renders with its sections.
        let home = try dom("\(base)/")
        #expect(home.contains("最新公告"))
        #expect(home.contains("lang=\"zh-CN\""))
        try screenshot("\(base)/", name: "home")

        // A search, typed as the form submits it, shows highlighted results.
        let searchURL = "\(base)/search?q=%E5%8E%9F%E5%A7%8B%E5%9F%BA%E9%87%91"
        let results = try dom(searchURL)
        #expect(results.contains("<mark>原始基金</mark>"))
        try screenshot(searchURL, name: "search")

        // Open the first result: an article anchor inside its document page.
        let first = try #require(results.firstMatch(of: /<article class="result[^"]*">\s*<h2><a href="([^"]+)"/)?.1)
        let resultURL = base + String(first).replacingOccurrences(of: "&amp;", with: "&")
        let document = try dom(resultURL)
        #expect(document.contains("公开目录信息"))
        if let anchor = first.split(separator: "#").last, first.contains("#") {
            #expect(document.contains("id=\"\(anchor)\""))
        }
        // (Headless screenshots of a URL with a #fragment come out blank: shoot the page itself.)
        try screenshot(String(resultURL.split(separator: "#").first ?? ""), name: "result")

        // The large-font toggle: the browser keeps the cookie and the next page is large.
        let toggled = try dom("\(base)/prefs?font=large&back=%2Fpolicies")
        #expect(toggled.contains("class=\"font-large\""))
        #expect(toggled.contains("标准字号"))
        try screenshot("\(base)/prefs?font=large&contrast=high&back=%2F", name: "home-large-high-contrast")
    }

    @Test func organizationCreditListAndStatisticsInChromium() throws {
        let server = try WebTestIndex.startServer()
        defer { server.stop() }
        let base = "http://127.0.0.1:\(server.port)"

        // The credit list, then the first listed organization's page, as a user clicks through.
        let list = try dom("\(base)/credit/abnormal")
        #expect(list.contains("活动异常名录"))
        try screenshot("\(base)/credit/abnormal", name: "credit-abnormal")
        let orgPath = try #require(list.firstMatch(of: /<td><a href="(\/orgs\/[0-9A-Z]{18})">/)?.1)
        let org = try dom(base + orgPath)
        #expect(org.contains("信用状况"))
        #expect(org.contains("基本信息"))
        try screenshot(base + orgPath, name: "organization", height: 2000)

        // Statistics: the SVG charts render inline.
        let stats = try dom("\(base)/stats")
        #expect(stats.contains("<svg"))
        try screenshot("\(base)/stats", name: "stats", height: 2200)

        // The question page.
        let ask = try dom("\(base)/ask?q=%E7%94%B3%E8%AF%B7%E6%94%BF%E5%BA%9C%E4%BF%A1%E6%81%AF%E5%85%AC%E5%BC%80%E5%A4%9A%E4%B9%85%E7%AD%94%E5%A4%8D")
        #expect(ask.contains("回答可信度"))
        // The citation button appears only with JavaScript, which Chromium runs.
        #expect(ask.contains("class=\"copy\" data-target=\"cite-1\">复制引用"))
        try screenshot(
            "\(base)/ask?q=%E7%94%B3%E8%AF%B7%E6%94%BF%E5%BA%9C%E4%BF%A1%E6%81%AF%E5%85%AC%E5%BC%80%E5%A4%9A%E4%B9%85%E7%AD%94%E5%A4%8D", name: "ask")
    }
}
