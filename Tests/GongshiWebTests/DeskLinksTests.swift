import Foundation
import GongshiDesk
import GongshiTestSupport
import Testing

@testable import GongshiWeb

/// A citizen finds the desk's public pages from any page: the footer links 常见问题 and
/// 在线咨询 when the server offers them, and a low-confidence answer on /ask points to
/// 在线咨询. Without a desk (or with public questions closed) no page links what the
/// server would answer with 404.
@Suite struct DeskLinksTests {
    static func router(desk: Bool, publicQuestions: Bool = true) throws -> Router {
        let site = try WebTestIndex.router().site
        guard desk else { return Router(site: site) }
        let path = Scratch.directory.appendingPathComponent("desk-links-\(UUID().uuidString).sqlite").path
        var options = DeskRoutes.Options()
        options.publicQuestions = publicQuestions
        return Router(site: site, desk: DeskRoutes(site: site, desk: try Desk(path: path), options: options))
    }

    static func page(_ router: Router, _ path: String, _ query: [String: String] = [:]) -> String {
        let response = router.handle(HTTPRequest(path: path, query: query))
        #expect(response.status == 200, "\(path)")
        return response.text
    }

    static let unanswerable = ["q": "火星上的天气怎么样"]

    @Test func everyPageLinksTheDeskWhenOneIsAttached() throws {
        let router = try Self.router(desk: true)
        for path in ["/", "/search", "/orgs", "/policies", "/faq", "/consult"] {
            let html = Self.page(router, path, path == "/search" ? ["q": "民政"] : [:])
            #expect(html.contains(#"<a href="/faq">常见问题</a>"#), "\(path)")
            #expect(html.contains(#"<a href="/consult">在线咨询</a>"#), "\(path)")
        }
        let ask = Self.page(router, "/ask", Self.unanswerable)
        #expect(ask.contains("回答可信度：<strong>低"))
        #expect(ask.contains(#"也可以 <a href="/consult">在线咨询</a>"#), "the low-confidence answer points to the desk")
        // The linked pages answer.
        #expect(router.handle(HTTPRequest(path: "/faq")).status == 200)
        #expect(router.handle(HTTPRequest(path: "/consult")).status == 200)
    }

    @Test func noLinkToPagesTheServerDoesNotOffer() throws {
        let closed = try Self.router(desk: true, publicQuestions: false)
        let home = Self.page(closed, "/")
        #expect(home.contains(#"<a href="/faq">常见问题</a>"#))
        #expect(!home.contains(#"href="/consult""#), "public questions are closed")
        #expect(closed.handle(HTTPRequest(path: "/consult")).status == 404)

        let bare = try Self.router(desk: false)
        for (path, query) in [("/", [:]), ("/ask", Self.unanswerable)] {
            let html = Self.page(bare, path, query)
            #expect(!html.contains(#"href="/faq""#) && !html.contains(#"href="/consult""#), "\(path)")
        }
        #expect(bare.handle(HTTPRequest(path: "/faq")).status == 404)
    }
}
