import Foundation
import GongshiDesk
import Testing

/// The desk's access rules over the real server: anonymous and wrong-role requests,
/// CSRF, session fixation, cookie attributes, body limits.
@Suite(.serialized) struct DeskSecurityTests {
    static let pagesGet = ["/desk", "/desk/new", "/desk/stats", "/desk/audit", "/desk/export.csv", "/desk/1", "/desk/1/print"]
    static let apiGet = ["/api/desk/consultations", "/api/desk/consultations/1", "/api/desk/stats", "/api/desk/audit", "/api/desk/me"]
    static let actions = ["reply", "cite", "uncite", "status", "publishable", "publish", "unpublish"]
    static var pagesPost: [String] { ["/desk/new", "/desk/logout"] + actions.map { "/desk/1/\($0)" } }
    static var apiPost: [String] { ["/api/desk/consultations"] + actions.map { "/api/desk/consultations/1/\($0)" } }

    func seed(_ server: DeskTestServer) throws {
        let admin = try #require(try server.desk.accounts().first { $0.isAdmin })
        var draft = ConsultationDraft(channel: .phone, receivedAt: Date(), question: "成立社会团体需要多少个会员？")
        draft.enquirerContact = "13800000000"
        _ = try server.desk.create(draft, by: admin)
        try server.desk.saveReply(1, text: "需要 50 个以上个人会员。", by: admin)
    }

    @Test func anonymousRequestsAreRefusedOnEveryDeskRoute() throws {
        let server = try DeskTestServer()
        defer { server.stop() }
        try seed(server)
        let client = server.client()
        for path in Self.pagesGet {
            let r = try client.get(path)
            #expect(r.status == 303, "GET \(path): \(r.status)")
            #expect(r.header("Location")?.hasPrefix("/desk/login") == true, "GET \(path)")
        }
        for path in Self.apiGet {
            #expect(try client.get(path).status == 401, "GET \(path)")
        }
        for path in Self.pagesPost {
            let r = try client.post(path, [("csrf", String(repeating: "a", count: 64)), ("reply", "x")])
            #expect(r.status == 303 && r.header("Location")?.hasPrefix("/desk/login") == true, "POST \(path): \(r.status)")
        }
        for path in Self.apiPost {
            #expect(try client.post(path, [("reply", "x")]).status == 401, "POST \(path)")
        }
        // Nothing changed.
        #expect(try server.desk.consultation(1).reply == "需要 50 个以上个人会员。")
        // A forged session id is no session.
        client.cookies["gongshi_desk"] = String(repeating: "0", count: 64)
        #expect(try client.get("/api/desk/me").status == 401)
    }

    @Test func staffCannotReachAdminActions() throws {
        let server = try DeskTestServer()
        defer { server.stop() }
        try seed(server)
        let staff = try server.loggedIn(DeskTestServer.staffName)
        let me = try staff.get("/api/desk/me")
        let csrf = try #require(me.body.firstMatch(of: /"csrf":"([0-9a-f]{64})"/).map { String($0.1) })
        for path in ["/desk/audit", "/desk/export.csv", "/api/desk/audit"] {
            #expect(try staff.get(path).status == 403, "GET \(path)")
        }
        for path in ["/desk/1/publish", "/desk/1/unpublish", "/api/desk/consultations/1/publish", "/api/desk/consultations/1/unpublish"] {
            #expect(try staff.post(path, [("csrf", csrf)]).status == 403, "POST \(path)")
        }
        #expect(try server.desk.publishedFAQs().isEmpty)
        // Staff actions do work with the token.
        #expect(try staff.post("/desk/1/status", [("csrf", csrf), ("status", "需跟进")]).status == 303)
        #expect(try server.desk.consultation(1).status == .followUp)
        // And the admin may publish.
        let admin = try server.loggedIn(DeskTestServer.adminName)
        let adminToken = try #require(DeskClient.csrf(in: try admin.get("/desk/1").body))
        #expect(try admin.post("/desk/1/publish", [("csrf", adminToken)]).status == 303)
        #expect(try server.desk.publishedFAQs().count == 1)
    }

    @Test func postsWithoutTheCSRFTokenAreRefused() throws {
        let server = try DeskTestServer()
        defer { server.stop() }
        try seed(server)
        let admin = try server.loggedIn(DeskTestServer.adminName)
        let wrong = String(repeating: "f", count: 64)
        for path in Self.pagesPost + Self.apiPost {
            #expect(try admin.post(path, [("reply", "篡改"), ("question", "篡改"), ("channel", "电话")]).status == 403, "POST \(path) without token")
            #expect(try admin.post(path, [("csrf", wrong), ("reply", "篡改")]).status == 403, "POST \(path) with a wrong token")
        }
        #expect(try server.desk.consultation(1).reply == "需要 50 个以上个人会员。")
        #expect(try server.desk.consultations(ConsultationQuery()).count == 1)
        // Still logged in (logout without the token did nothing).
        #expect(try admin.get("/api/desk/me").status == 200)
        // The login form and /consult need their form token too.
        let fresh = server.client()
        #expect(try fresh.post("/desk/login", [("name", DeskTestServer.adminName), ("password", DeskTestServer.password)]).status == 403)
        #expect(fresh.cookies["gongshi_desk"] == nil)
        #expect(try fresh.post("/consult", [("question", "没有令牌的提问")]).status == 403)
    }

    @Test func loginIssuesANewSessionIdAndSafeCookies() throws {
        let server = try DeskTestServer()
        defer { server.stop() }
        let client = server.client()
        let planted = String(repeating: "ab", count: 32)
        client.cookies["gongshi_desk"] = planted
        let response = try client.login(DeskTestServer.adminName, DeskTestServer.password)
        #expect(response.status == 303)
        let first = try #require(client.cookies["gongshi_desk"])
        #expect(first != planted)
        #expect(first.count == 64)
        let cookie = try #require(response.setCookies.first { $0.hasPrefix("gongshi_desk=") })
        #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && !cookie.contains("Secure"))
        // The planted id does not authenticate.
        let attacker = server.client()
        attacker.cookies["gongshi_desk"] = planted
        #expect(try attacker.get("/api/desk/me").status == 401)
        // Logging in again (the login page itself sends a logged-in user on) replaces the session: the old id ends.
        #expect(try client.get("/desk/login").status == 303)
        let formToken = try #require(client.cookies["gongshi_form"])
        #expect(try client.post("/desk/login", [("csrf", formToken), ("name", DeskTestServer.adminName), ("password", DeskTestServer.password)]).status == 303)
        let second = try #require(client.cookies["gongshi_desk"])
        #expect(second != first)
        let old = server.client()
        old.cookies["gongshi_desk"] = first
        #expect(try old.get("/api/desk/me").status == 401)
        // Behind TLS the cookie is Secure.
        let tls = server.client()
        tls.extraHeaders = [("X-Forwarded-Proto", "https")]
        let secure = try tls.login(DeskTestServer.staffName, DeskTestServer.password)
        #expect(secure.setCookies.first { $0.hasPrefix("gongshi_desk=") }?.contains("; Secure") == true)
        // Logout ends the session.
        let token = try #require(DeskClient.csrf(in: try client.get("/desk").body))
        #expect(try client.post("/desk/logout", [("csrf", token)]).status == 303)
        let after = server.client()
        after.cookies["gongshi_desk"] = second
        #expect(try after.get("/api/desk/me").status == 401)
    }

    @Test func loginsAreThrottledPerAccount() throws {
        var policy = Desk.Policy()
        policy.accountFailures = 3
        let server = try DeskTestServer(policy: policy)
        defer { server.stop() }
        let client = server.client()
        for _ in 0..<3 { #expect(try client.login(DeskTestServer.staffName, "wrong-password").status == 401) }
        // Even the right password is refused now.
        #expect(try client.login(DeskTestServer.staffName, DeskTestServer.password).status == 429)
        #expect(client.cookies["gongshi_desk"] == nil)
        // Another account is not affected.
        #expect(try client.login(DeskTestServer.adminName, DeskTestServer.password).status == 303)
    }

    @Test func oversizedBodiesAre413AndPublicQuestionsAreBounded() throws {
        let server = try DeskTestServer()
        defer { server.stop() }
        let client = server.client()
        let big = [UInt8](repeating: 0x61, count: 70 * 1024)
        #expect(try client.send("POST", "/consult", body: big, headers: [("Content-Type", "application/x-www-form-urlencoded")]).status == 413)
        let token = try #require(DeskClient.csrf(in: try client.get("/consult").body))
        #expect(try client.post("/consult", [("csrf", token), ("question", String(repeating: "问", count: Desk.maxQuestionCharacters + 1))]).status == 400)
        #expect(try client.post("/consult", [("csrf", token), ("question", "  ")]).status == 400)
        // Per-address limit: the policy's default is 5 an hour.
        for i in 0..<5 {
            #expect(try client.post("/consult", [("csrf", token), ("question", "第 \(i) 个问题：年检什么时候交材料？")]).status == 303)
        }
        #expect(try client.post("/consult", [("csrf", token), ("question", "第六个问题")]).status == 429)
    }
}

@Suite struct DeskOpenAPITests {
    @Test func openAPIDescribesTheDeskRoutes() throws {
        let server = try DeskTestServer()
        defer { server.stop() }
        let body = try server.client().get("/api/openapi.json").body
        let json = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        let paths = try #require(json["paths"] as? [String: Any])
        for path in ["/api/faq", "/api/desk/me", "/api/desk/consultations", "/api/desk/consultations/{id}", "/api/desk/stats", "/api/desk/audit"]
            + DeskSecurityTests.actions.map({ "/api/desk/consultations/{id}/\($0)" })
        {
            #expect(paths[path] != nil, "\(path)")
        }
    }
}

@Suite struct DeskHostileInputTests {
    @Test func hostileDeskRequestsNeverGetA500() throws {
        let server = try DeskTestServer()
        defer { server.stop() }
        let admin = try server.loggedIn(DeskTestServer.adminName)
        let csrf = try #require(DeskClient.csrf(in: try admin.get("/desk").body))
        for path in [
            "/desk/", "/desk/0", "/desk/-1", "/desk/99999999999999999999", "/desk/1/print", "/desk/abc/print", "/desk/1/2/3",
            "/api/desk/consultations/abc", "/api/desk/consultations/1/nothing", "/consult/..%2F..%2Fetc%2Fpasswd",
            "/consult/20261206-1234567", "/desk?q=%22%20OR%20*", "/desk?q=" + String(repeating: "%E9%97%AE", count: 500),
            "/api/desk/consultations?q=NEAR(%22a%22", "/faq?print=1",
        ] {
            let r = try admin.get(path)
            #expect(r.status < 500, "GET \(path): \(r.status)")
        }
        let bodies: [[(String, String)]] = [
            [("csrf", csrf)], [("csrf", csrf), ("channel", "电报"), ("question", "问")],
            [("csrf", csrf), ("channel", "电话"), ("question", "问"), ("received", "昨天")],
            [("csrf", csrf), ("channel", "电话"), ("question", "<script>alert(1)</script>"), ("tags", String(repeating: "标", count: 30))],
        ]
        for body in bodies {
            #expect(try admin.post("/desk/new", body).status == 400, "\(body)")
        }
        // An organization name is text like any other: stored as typed, bound as a parameter.
        #expect(
            try admin.post(
                "/desk/new",
                [
                    ("csrf", csrf), ("channel", "电话"), ("question", "问"),
                    ("org", "'; DROP TABLE consultation; --"),
                ]
            ).status == 303)
        #expect(try server.desk.consultations(ConsultationQuery()).first?.organizationName == "'; DROP TABLE consultation; --")
        let raw = try admin.send(
            "POST", "/desk/new", body: Array("csrf=\(csrf)&channel=%E7%94%B5%E8%AF%9D&question=%FF%FE%ZZ".utf8),
            headers: [("Content-Type", "application/x-www-form-urlencoded")])
        #expect(raw.status < 500)
        for action in ["reply", "cite", "uncite", "status", "publishable", "publish", "unpublish"] {
            let r = try admin.post("/desk/424242/\(action)", [("csrf", csrf), ("status", "已办结"), ("reply", "x"), ("ref", "第条")])
            #expect(r.status == 404 || r.status == 400, "\(action): \(r.status)")
        }
        // Values are escaped on the page.
        var draft = ConsultationDraft(channel: .phone, receivedAt: Date(), question: "<script>alert(1)</script>")
        draft.tags = ["<b>"]
        let id = try server.desk.create(draft, by: try #require(try server.desk.accounts().first { $0.isAdmin }))
        let page = try admin.get("/desk/\(id)").body
        #expect(!page.contains("<script>alert(1)</script>") && page.contains("&lt;script&gt;"))
    }
}
