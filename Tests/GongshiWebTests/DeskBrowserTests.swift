import Foundation
import GongshiDesk
import Testing

/// The walk-throughs in a real browser: headless Chromium driven over DevTools, clicking the
/// pages' own buttons, with the browser's own cookies (session, form token).
@Suite(.serialized) struct DeskBrowserTests {
    @Test func staffWalkThroughInChromium() throws {
        let server = try DeskTestServer()
        defer { server.stop() }
        let base = "http://127.0.0.1:\(server.port)"
        let browser = try DevToolsBrowser()

        // Anonymous: sent to the login page; log in.
        try browser.open("\(base)/desk")
        #expect(try browser.location.hasPrefix("\(base)/desk/login"))
        try browser.type("#login-name", DeskTestServer.staffName)
        try browser.type("#login-password", DeskTestServer.password)
        try browser.click("form.desk-form button[type=submit]")
        #expect(try browser.location == "\(base)/desk")
        #expect(try browser.html.contains("我的未办结咨询"))

        // A phone call.
        try browser.open("\(base)/desk/new")
        try browser.evaluate("document.querySelector('input[name=channel][value=\"电话\"]').checked = true")
        try browser.type("#new-question", "社会团体成立要有多少会员？")
        try browser.type("#new-contact", "13700001111")
        try browser.click("form.desk-form button[type=submit]")
        let id = try #require(try browser.location.firstMatch(of: /\/desk\/(\d+)$/).map { String($0.1) })

        // Pick the suggested 第十条 with one click, and type another.
        try browser.click(".desk-suggestions form:has(input[name=label][value=\"第十条\"]) button")
        #expect(try browser.html.contains("已加入答复"))
        try browser.type("#ref", "慈善法第十条")
        try browser.click("form[action$=\"/cite\"] #ref ~ button")
        // Write and save the reply.
        let reply = "成立社会团体应有 50 个以上的个人会员或者 30 个以上的单位会员。"
        try browser.type("#reply-text", reply)
        try browser.click("form[action$=\"/reply\"] button[type=submit]")
        let saved = try server.desk.consultation(Int64(id) ?? 0)
        #expect(saved.reply == reply && saved.status == .answered)
        #expect(saved.citations.map(\.reference) == ["《社会团体登记管理条例》第十条", "《中华人民共和国慈善法》第十条"])

        // The print view, from its link.
        try browser.click("a[href$=\"/print\"]")
        let print = try browser.html
        #expect(print.contains("依据《社会团体登记管理条例》第十条：“成立社会团体，应当具备下列条件"))
        #expect(print.contains("索引第 "))

        // Log out; the admin logs in and publishes.
        try browser.open("\(base)/desk")
        try browser.click("nav.desk form button")
        #expect(try browser.location.hasPrefix("\(base)/desk/login"))
        try browser.type("#login-name", DeskTestServer.adminName)
        try browser.type("#login-password", DeskTestServer.password)
        try browser.click("form.desk-form button[type=submit]")
        try browser.open("\(base)/desk/\(id)")
        try browser.type("#faq-question", "成立社会团体需要多少会员？")
        try browser.click("form[action$=\"/publish\"] button")

        // The FAQ shows on /ask.
        try browser.open("\(base)/ask?q=" + DeskClient.encode("成立社会团体需要多少个会员"))
        let ask = try browser.html
        #expect(ask.contains("常见问题：成立社会团体需要多少会员？") && ask.contains(reply))
        #expect(!ask.contains("13700001111"))
    }

    @Test func citizenWalkThroughInChromium() throws {
        let server = try DeskTestServer()
        defer { server.stop() }
        let base = "http://127.0.0.1:\(server.port)"
        let browser = try DevToolsBrowser()
        try browser.open("\(base)/consult")
        try browser.type("#consult-question", "民办非企业单位年检要交哪些材料？")
        try browser.type("#consult-contact", "13600002222")
        try browser.click("form.desk-form button[type=submit]")
        let receipt = try #require(try browser.location.firstMatch(of: /\/consult\/(\d{8}-\d{8})\?new=1$/).map { String($0.1) })
        #expect(try browser.html.contains("请记下受理编号"))

        // Staff answer it and mark the reply publishable.
        let staff = try server.loggedIn(DeskTestServer.staffName)
        let id = try #require(try server.desk.consultations(ConsultationQuery()).first?.id)
        let token = try #require(DeskClient.csrf(in: try staff.get("/desk/\(id)").body))
        let reply = "请于每年 3 月 31 日前报送上一年度的年度工作报告书。"
        #expect(try staff.post("/desk/\(id)/reply", [("csrf", token), ("reply", reply)]).status == 303)
        #expect(try staff.post("/desk/\(id)/publishable", [("csrf", token), ("publishable", "1")]).status == 303)

        // The citizen looks it up by the receipt.
        try browser.open("\(base)/consult/\(receipt)")
        let page = try browser.html
        #expect(page.contains(reply) && page.contains("已答复"))
        #expect(!page.contains("13600002222"))
    }
}
