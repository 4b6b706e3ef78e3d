import Foundation
import GRDB
import GongshiDesk
import GongshiStore
import GongshiTestSupport
import InMemoryLogging
import Logging
import Testing

@testable import GongshiWeb

/// The desk's routes under a desk database that breaks while the site runs: each answers
/// with the one error shape and logs the failure once, at error level, with its SQL and
/// path (as `ServerErrorTests` checks for the index's routes).
@Suite struct DeskServerErrorTests {
    @Test func everyDeskRouteAnswersADatabaseErrorWithTheOneShapeAndLogsItOnce() throws {
        let path = Scratch.directory.appendingPathComponent("desk-broken-\(UUID().uuidString).sqlite").path
        let desk = try Desk(path: path)
        let admin = try desk.addAccount(name: "guanli", role: .admin, password: "mima-12345678")
        let id = try desk.create(ConsultationDraft(channel: .phone, receivedAt: Date(), question: "成立社会团体需要什么条件？"), by: admin)
        let receipt = try desk.submitPublic(question: "基金会的原始基金最少要多少钱？", name: "", contact: "", address: "127.0.0.1")
        let session = try desk.login(name: "guanli", password: "mima-12345678", address: "127.0.0.1")

        let logs = InMemoryLogHandler()
        let shared = try WebTestIndex.router().site
        let site = Site(
            search: shared.search, catalog: shared.catalog, answers: shared.answers, directory: shared.directory, pages: shared.pages,
            files: shared.files, node: shared.node, logger: Logger(label: "gongshi.web.test", factory: { _ in logs }))
        let router = Router(site: site, desk: DeskRoutes(site: site, desk: desk))
        // Accounts and sessions stay (the requests are signed in); the consultations go.
        try DatabaseQueue(path: path).writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            for table in ["citation", "faq", "consultation"] { try db.execute(sql: "DROP TABLE \(table)") }
        }

        let cookie = ["cookie": "\(DeskCookies.session)=\(session.id)"]
        let paths = [
            "/faq", "/api/faq", "/consult/\(receipt)", "/desk", "/desk/\(id)", "/desk/\(id)/print", "/desk/stats",
            "/api/desk/consultations", "/api/desk/consultations/\(id)", "/api/desk/stats",
        ]
        for path in paths {
            logs.clear()
            let response = router.handle(HTTPRequest(path: path, headers: cookie))
            #expect(response.status == 500, "\(path)")
            if path.hasPrefix("/api/") {
                let body = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any], "\(path)")
                let error = try #require(body["error"] as? [String: Any], "\(path)")
                #expect(Set(body.keys) == ["error"] && Set(error.keys) == ["status", "message"] && error["status"] as? Int == 500, "\(path)")
            } else {
                #expect(response.header("Content-Type") == "text/html; charset=utf-8", "\(path)")
                #expect(response.text.contains("服务暂时不可用"), "\(path)")
            }
            #expect(!response.text.contains("SQL") && !response.text.contains("no such table"), "\(path)")
            let entries = logs.entries
            #expect(entries.count == 1, "\(path): \(entries.map(\.message))")
            let entry = try #require(entries.first, "\(path)")
            #expect(entry.level == .error, "\(path)")
            let message = "\(entry.message)"
            #expect(message.contains(path) && message.contains("[SQL: ") && message.contains("no such table"), "\(path): \(message)")
        }
    }
}
