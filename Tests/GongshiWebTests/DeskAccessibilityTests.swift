import Foundation
import GongshiDesk
import Testing

/// axe-core on the desk's pages (public and staff, with a session cookie), in the normal
/// reading mode: no serious or critical violation.
@Suite(.serialized) struct DeskAccessibilityTests {
    @Test func deskPagesHaveNoSeriousOrCriticalViolation() throws {
        try #require(
            FileManager.default.fileExists(atPath: AccessibilityTests.axeScript.path),
            "axe.min.js is missing: run scripts/install-deps.sh --test (make test does)")
        let server = try DeskTestServer()
        defer { server.stop() }
        let admin = try #require(try server.desk.accounts().first { $0.isAdmin })
        var draft = ConsultationDraft(channel: .phone, receivedAt: Date(), question: "成立社会团体需要多少个会员？")
        draft.tags = ["登记"]
        let id = try server.desk.create(draft, by: admin)
        try server.desk.saveReply(id, text: "50 个以上个人会员。", by: admin)
        try server.desk.publishFAQ(id, by: admin)
        let receipt = try server.desk.submitPublic(question: "年检什么时候交？", name: "", contact: "", address: "test")
        let client = try server.loggedIn(DeskTestServer.adminName)
        let session = try #require(client.cookies["gongshi_desk"])
        // In the normal mode only: each page takes Chromium seconds, and the modes are the site's
        // own stylesheet, which AccessibilityTests checks in all three on the other pages.
        let pages: [(String, Bool)] = [
            ("/desk/login", false), ("/consult/\(receipt)", false), ("/faq", false),
            ("/desk", true), ("/desk/new", true), ("/desk/\(id)", true), ("/desk/\(id)/print", true),
        ]
        for prefs in [nil] as [String?] {
            for (path, staff) in pages {
                let cookie = ([staff ? "gongshi_desk=\(session)" : nil, prefs] as [String?]).compactMap { $0 }.joined(separator: "; ")
                let found = try AccessibilityTests.violations(port: server.port, path: path, cookie: cookie.isEmpty ? nil : cookie)
                let blocking = found.filter { $0.impact == "serious" || $0.impact == "critical" }
                #expect(blocking.isEmpty, "\(path) (\(prefs ?? "normal")): \(blocking)")
            }
        }
    }
}
