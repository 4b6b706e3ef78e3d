import Foundation
import GongshiDesk
import GongshiTestSupport
import Testing

/// The staff member's day and the citizen's question, over the real server; the public
/// pages that follow are then opened in headless Chromium.
@Suite(.serialized) struct DeskWalkthroughTests {
    static let enquirerName = "郑晓梅"
    static let enquirerContact = "13912345678"

    func pagesInChromium(_ urls: [String]) throws -> [String] { try urls.map { try Chromium.dom($0) } }

    /// A staff page as the logged-in client received it, drawn by Chromium from a file (the
    /// headless command line cannot log in), with the server as base for the CSS.
    func screenshotStaffPage(_ html: String, port: UInt16, name: String) throws {
        let file = Scratch.directory.appendingPathComponent("\(name)-\(UUID().uuidString).html")
        let based = html.replacingOccurrences(of: "<head>", with: "<head><base href=\"http://127.0.0.1:\(port)/\">")
        try Data(based.utf8).write(to: file)
        try Chromium.screenshot(file.absoluteString, name: name)
    }

    @Test func staffWalkThroughFromPhoneCallToPublishedFAQ() throws {
        let server = try DeskTestServer()
        defer { server.stop() }
        let staff = try server.loggedIn(DeskTestServer.staffName)
        #expect(try staff.get("/desk").body.contains("我的未办结咨询"))

        // A phone call: intake.
        let intake = try staff.get("/desk/new")
        let token = try #require(DeskClient.csrf(in: intake.body))
        #expect(intake.header("Cache-Control") == "no-store")
        let question = "社会团体成立要有多少会员？"
        let created = try staff.post(
            "/desk/new",
            [
                ("csrf", token), ("channel", "电话"), ("received", "2026-12-04T09:30"),
                ("question", question), ("name", Self.enquirerName), ("contact", Self.enquirerContact),
                ("tags", "登记,社团"),
            ])
        #expect(created.status == 303)
        let location = try #require(created.header("Location"))
        let id = try #require(Int64(location.dropFirst("/desk/".count)))

        // The consultation page: the question, the Q&A's suggestions, one click adds one.
        let page = try staff.get(location).body
        #expect(page.contains(question))
        #expect(!page.contains("受理编号"))  // taken by phone: no receipt, no publishable form
        #expect(page.contains(Self.enquirerContact))  // staff see the contact
        // The staff member picks 第十条 of the regulation among the suggestions.
        let forms = page.matches(
            of:
                /action="\/desk\/\d+\/cite" method="post">\s*<input type="hidden" name="csrf" value="([0-9a-f]{64})"><input type="hidden" name="document" value="([^"]+)"><input type="hidden" name="label" value="([^"]+)">/
        )
        #expect(forms.count >= 3)
        let suggestion = try #require(forms.first { $0.2 == "shetuan-dengji-tiaoli" && $0.3 == "第十条" }, "第十条 is not among the suggestions")
        #expect(
            try staff.post("/desk/\(id)/cite", [("csrf", String(suggestion.1)), ("document", String(suggestion.2)), ("label", String(suggestion.3))]).status
                == 303)
        // …and one typed by name.
        #expect(try staff.post("/desk/\(id)/cite", [("csrf", token), ("ref", "慈善法第十条")]).status == 303)
        #expect(try staff.post("/desk/\(id)/cite", [("csrf", token), ("ref", "慈善法第九百条")]).status == 400)
        let cited = try server.desk.consultation(id).citations
        #expect(cited.map(\.reference) == ["《社会团体登记管理条例》第十条", "《中华人民共和国慈善法》第十条"])
        #expect(cited[0].quotedText.contains("有50个以上的个人会员"))
        #expect(cited.allSatisfy { $0.generation >= 1 })
        let withCitations = try staff.get(location).body
        #expect(withCitations.contains("已加入答复"))
        try screenshotStaffPage(withCitations, port: server.port, name: "desk-consultation")

        // The reply, saved; the status follows.
        let reply = "成立社会团体应有 50 个以上的个人会员或者 30 个以上的单位会员。"
        #expect(try staff.post("/desk/\(id)/reply", [("csrf", token), ("reply", reply)]).status == 303)
        #expect(try server.desk.consultation(id).status == .answered)
        // Handed to a colleague and back.
        #expect(try staff.post("/desk/\(id)/status", [("csrf", token), ("assignee", DeskTestServer.adminName)]).status == 303)
        #expect(try server.desk.consultation(id).assigneeName == DeskTestServer.adminName)
        #expect(try staff.post("/desk/\(id)/status", [("csrf", token), ("assignee", "nobody")]).status == 400)
        #expect(try staff.post("/desk/\(id)/status", [("csrf", token), ("assignee", DeskTestServer.staffName)]).status == 303)

        // The print view: the reply and the full citations with their version.
        let print = try staff.get("/desk/\(id)/print").body
        #expect(print.contains(reply))
        #expect(print.contains("依据《社会团体登记管理条例》第十条：“成立社会团体，应当具备下列条件"))
        #expect(print.contains("依据《中华人民共和国慈善法》第十条"))
        #expect(print.contains("索引第 "))
        #expect(print.contains("print-view"))
        #expect(!print.contains(Self.enquirerContact))
        try screenshotStaffPage(print, port: server.port, name: "desk-print")

        // Staff cannot publish; the admin does.
        #expect(try staff.post("/desk/\(id)/publish", [("csrf", token)]).status == 403)
        let admin = try server.loggedIn(DeskTestServer.adminName)
        let adminToken = try #require(DeskClient.csrf(in: try admin.get(location).body))
        #expect(try admin.post("/desk/\(id)/publish", [("csrf", adminToken), ("question", "成立社会团体需要多少会员？")]).status == 303)

        // The FAQ on /ask (for a question asked a little differently) and /faq, in Chromium.
        let base = "http://127.0.0.1:\(server.port)"
        let ask = "\(base)/ask?q=" + DeskClient.encode("成立社会团体需要多少个会员")
        let dom = try pagesInChromium([ask, "\(base)/faq"])
        try Chromium.screenshot("\(base)/faq", name: "desk-faq")
        #expect(dom[0].contains("常见问题：成立社会团体需要多少会员？"))
        #expect(dom[0].contains(reply))
        #expect(dom[1].contains("成立社会团体需要多少会员？") && dom[1].contains("《中华人民共和国慈善法》第十条"))
        for html in dom { #expect(!html.contains(Self.enquirerContact) && !html.contains(Self.enquirerName)) }

        // The question–article pairs for the next index run.
        let pairs = try String(contentsOfFile: server.pairsPath, encoding: .utf8)
        #expect(
            pairs
                == "{\"id\":\"DESK-\(id)\",\"q\":\"成立社会团体需要多少会员？\",\"relevant\":[{\"article\":10,\"title\":\"社会团体登记管理条例\"},{\"article\":10,\"title\":\"中华人民共和国慈善法\"}]}\n"
        )

        // Unpublish removes it everywhere.
        #expect(try admin.post("/desk/\(id)/unpublish", [("csrf", adminToken)]).status == 303)
        #expect(try !staff.get("/faq").body.contains("成立社会团体需要多少会员？"))
        #expect(try !staff.get("/ask?q=" + DeskClient.encode("成立社会团体需要多少个会员")).body.contains(reply))
        #expect(try String(contentsOfFile: server.pairsPath, encoding: .utf8) == "")

        // Every action left its audit row.
        let actions = Set(try server.desk.auditTrail(limit: 1000, by: try #require(try server.desk.accounts().first { $0.isAdmin })).map(\.action))
        for action in ["user_add", "login", "create", "cite", "reply", "publish", "unpublish"] {
            #expect(actions.contains(action), "no audit row for \(action)")
        }
    }

    @Test func citizenAsksOnlineAndReadsTheReplyByReceipt() throws {
        let server = try DeskTestServer()
        defer { server.stop() }
        let citizen = server.client()
        let form = try citizen.get("/consult")
        #expect(form.body.contains("无需注册，无需验证码"))
        let token = try #require(DeskClient.csrf(in: form.body))
        let question = "民办非企业单位年检要交哪些材料？"
        let submitted = try citizen.post(
            "/consult",
            [
                ("csrf", token), ("question", question), ("name", Self.enquirerName),
                ("contact", Self.enquirerContact),
            ])
        #expect(submitted.status == 303)
        let location = try #require(submitted.header("Location"))
        let receipt = try #require(location.firstMatch(of: /\/consult\/(\d{8}-\d{8})/).map { String($0.1) })
        let waiting = try citizen.get(location).body
        #expect(waiting.contains(receipt) && waiting.contains(question) && waiting.contains("工作人员答复后"))
        #expect(try citizen.get("/consult/20000101-00000000").status == 404)

        // Staff find it, reply, and mark the reply publishable.
        let staff = try server.loggedIn(DeskTestServer.staffName)
        let listed = try staff.get("/desk?q=" + DeskClient.encode("年检")).body
        let id = try #require(listed.firstMatch(of: /href="\/desk\/(\d+)"/).map { String($0.1) })
        let page = try staff.get("/desk/\(id)").body
        #expect(page.contains(receipt))
        let token2 = try #require(DeskClient.csrf(in: page))
        let reply = "民办非企业单位应当于每年 3 月 31 日前报送年度工作报告书。"
        #expect(try staff.post("/desk/\(id)/reply", [("csrf", token2), ("reply", reply)]).status == 303)
        #expect(try !citizen.get("/consult/\(receipt)").body.contains(reply))  // not yet publishable
        #expect(try staff.post("/desk/\(id)/publishable", [("csrf", token2), ("publishable", "1")]).status == 303)

        let base = "http://127.0.0.1:\(server.port)"
        let dom = try pagesInChromium(["\(base)/consult/\(receipt)"])[0]
        try Chromium.screenshot("\(base)/consult/\(receipt)", name: "desk-consult-receipt")
        #expect(dom.contains(reply))
        #expect(!dom.contains(Self.enquirerContact) && !dom.contains(Self.enquirerName))
    }

    @Test func enquirerContactIsAbsentFromPublicPagesExportsAndLogs() throws {
        let server = try DeskTestServer()
        defer { server.stop() }
        let staff = try server.loggedIn(DeskTestServer.staffName)
        let token = try #require(DeskClient.csrf(in: try staff.get("/desk/new").body))
        let created = try staff.post(
            "/desk/new",
            [
                ("csrf", token), ("channel", "窗口"), ("question", "基金会的原始基金最少要多少钱？"),
                ("name", Self.enquirerName), ("contact", Self.enquirerContact), ("tags", "基金会"),
            ])
        let id = try #require(created.header("Location").flatMap { Int64($0.dropFirst("/desk/".count)) })
        #expect(try staff.post("/desk/\(id)/cite", [("csrf", token), ("ref", "基金会管理条例第八条")]).status == 303)
        #expect(try staff.post("/desk/\(id)/reply", [("csrf", token), ("reply", "全国性公募基金会的原始基金不低于 800 万元。")]).status == 303)
        #expect(try staff.post("/desk/\(id)/status", [("csrf", token), ("status", "已办结"), ("tags", "基金会,原始基金")]).status == 303)
        let citizen = server.client()
        let publicToken = try #require(DeskClient.csrf(in: try citizen.get("/consult").body))
        let receipt = try #require(
            try citizen.post(
                "/consult",
                [
                    ("csrf", publicToken), ("question", "社会组织评估等级有效期几年？"),
                    ("name", Self.enquirerName), ("contact", Self.enquirerContact),
                ]
            )
            .header("Location")?.firstMatch(of: /(\d{8}-\d{8})/).map { String($0.1) })
        let admin = try server.loggedIn(DeskTestServer.adminName)
        let adminToken = try #require(DeskClient.csrf(in: try admin.get("/desk/\(id)").body))
        #expect(try admin.post("/desk/\(id)/publish", [("csrf", adminToken)]).status == 303)

        var texts: [(String, String)] = []
        for path in [
            "/", "/faq", "/api/faq", "/consult/\(receipt)", "/ask?q=" + DeskClient.encode("基金会的原始基金最少要多少钱"),
            "/search?q=" + DeskClient.encode("原始基金"),
        ] {
            let r = try citizen.get(path)
            #expect(r.status == 200, "\(path)")
            texts.append((path, r.body))
        }
        let export = try admin.get("/desk/export.csv")
        #expect(export.status == 200 && export.body.contains("基金会的原始基金最少要多少钱") && export.body.contains("《基金会管理条例》第八条"))
        texts.append(("export", export.body))
        texts.append(("pairs", try String(contentsOfFile: server.pairsPath, encoding: .utf8)))
        let auditJSON = try admin.get("/api/desk/audit")
        #expect(auditJSON.status == 200)
        texts.append(("audit", auditJSON.body))
        texts.append(("audit page", try admin.get("/desk/audit").body))
        texts.append(("log", server.log.all.joined(separator: "\n")))
        #expect(server.log.all.count > 10)
        for (name, text) in texts {
            #expect(!text.contains(Self.enquirerContact), "contact in \(name)")
            #expect(!text.contains(Self.enquirerName), "name in \(name)")
        }
        // Staff do see it.
        #expect(try staff.get("/desk/\(id)").body.contains(Self.enquirerContact))
        #expect(try staff.get("/api/desk/consultations/\(id)").body.contains(Self.enquirerContact))

        // Audit rows for every kind of action so far, including a failed login and the export.
        _ = try server.client().login(DeskTestServer.staffName, "wrong-password")
        let actions = Set(try server.desk.auditTrail(limit: 1000, by: try #require(try server.desk.accounts().first { $0.isAdmin })).map(\.action))
        for action in ["login", "login_failed", "create", "cite", "reply", "status", "public_submit", "publish", "export"] {
            #expect(actions.contains(action), "no audit row for \(action)")
        }
    }
}
