import Foundation
import GRDB
import GongshiDesk
import GongshiStore
import GongshiTestSupport
import Testing

/// A clock the tests move by hand.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var value = Date(timeIntervalSince1970: 1_796_000_000)
    var now: Date {
        lock.lock()
        defer { lock.unlock() }
        return value
    }
    func advance(_ seconds: TimeInterval) {
        lock.lock()
        value += seconds
        lock.unlock()
    }
}

@Suite struct DeskTests {
    static func path() -> String { Scratch.directory.appendingPathComponent("desk-\(UUID().uuidString).sqlite").path }

    func open(_ clock: TestClock = TestClock(), policy: Desk.Policy = Desk.Policy()) throws -> (Desk, Account, Account) {
        let desk = try Desk(path: Self.path(), policy: policy, clock: { clock.now })
        let admin = try desk.addAccount(name: "admin1", role: .admin, password: "mima-12345678")
        let staff = try desk.addAccount(name: "staff1", role: .staff, password: "mima-12345678")
        return (desk, admin, staff)
    }

    @Test func databaseIsWALWithFullSync() throws {
        let (desk, _, _) = try open()
        let queue = try DatabaseQueue(path: desk.path)
        #expect(try queue.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "wal")
        #expect(try desk.passwordHash(name: "admin1")?.hasPrefix("$y$") == true)
        #expect(try desk.hasAdmin())
    }

    @Test func auditTrailRefusesUpdatesAndDeletes() throws {
        let (desk, admin, _) = try open()
        #expect(try desk.auditTrail(by: admin).count == 2)
        let queue = try DatabaseQueue(path: desk.path)
        #expect(throws: (any Error).self) { try queue.write { try $0.execute(sql: "DELETE FROM audit") } }
        #expect(throws: (any Error).self) { try queue.write { try $0.execute(sql: "UPDATE audit SET actor = 'x'") } }
        #expect(try desk.auditTrail(by: admin).count == 2)
    }

    @Test func sessionsExpireWhenIdleAndAtTheAbsoluteLimit() throws {
        let clock = TestClock()
        var policy = Desk.Policy()
        policy.idleTimeout = 600
        policy.absoluteTimeout = 3600
        let (desk, _, _) = try open(clock, policy: policy)
        let session = try desk.login(name: "staff1", password: "mima-12345678", address: "127.0.0.1")
        #expect(session.id.count == 64 && session.csrf.count == 64 && session.id != session.csrf)
        clock.advance(500)
        #expect(try desk.session(id: session.id) != nil)
        clock.advance(599)  // used 599 s ago → still alive
        #expect(try desk.session(id: session.id) != nil)
        clock.advance(601)
        #expect(try desk.session(id: session.id) == nil)  // idle

        let second = try desk.login(name: "staff1", password: "mima-12345678", address: "127.0.0.1")
        for _ in 0..<6 {
            clock.advance(500)
            _ = try desk.session(id: second.id)
        }
        clock.advance(700)  // 3700 s after login, never idle for long
        #expect(try desk.session(id: second.id) == nil)
    }

    @Test func loginThrottlingPerAccountAndPerAddress() throws {
        let clock = TestClock()
        var policy = Desk.Policy()
        policy.accountFailures = 3
        policy.addressFailures = 5
        let (desk, admin, _) = try open(clock, policy: policy)
        for _ in 0..<3 {
            #expect(throws: DeskError.self) { try desk.login(name: "staff1", password: "wrong-pass", address: "10.0.0.1") }
        }
        do {
            _ = try desk.login(name: "staff1", password: "mima-12345678", address: "10.0.0.2")
            Issue.record("throttled account logged in")
        } catch { #expect(error.kind == .throttled) }
        // Per address: failures against different names add up.
        for name in ["a", "b"] {
            #expect(throws: DeskError.self) { try desk.login(name: name, password: "x", address: "10.0.0.1") }
        }
        do {
            _ = try desk.login(name: "admin1", password: "mima-12345678", address: "10.0.0.1")
            Issue.record("throttled address logged in")
        } catch { #expect(error.kind == .throttled) }
        #expect(try desk.login(name: "admin1", password: "mima-12345678", address: "10.0.0.3").account.isAdmin)
        clock.advance(policy.failureWindow + 1)
        #expect(try desk.login(name: "staff1", password: "mima-12345678", address: "10.0.0.1").account.name == "staff1")
        let actions = try desk.auditTrail(by: admin).map(\.action)
        #expect(actions.filter { $0 == "login_failed" }.count == 5)
        #expect(actions.contains("login_throttled"))
    }

    @Test func disabledAccountsCannotLogInAndLoseTheirSessions() throws {
        let (desk, _, _) = try open()
        let session = try desk.login(name: "staff1", password: "mima-12345678", address: "127.0.0.1")
        try desk.disableAccount(name: "staff1")
        #expect(try desk.session(id: session.id) == nil)
        #expect(throws: DeskError.self) { try desk.login(name: "staff1", password: "mima-12345678", address: "127.0.0.1") }
    }

    @Test func citationsKeepTheTextAsCitedAndPairsFollowPublishing() throws {
        let (desk, admin, staff) = try open()
        var draft = ConsultationDraft(channel: .letter, receivedAt: Date(), question: "基金会原始基金多少？")
        draft.enquirerContact = "guest@example.cn"
        let id = try desk.create(draft, by: staff)
        let citation = Citation(
            documentID: "jijinhui-tiaoli", documentTitle: "基金会管理条例", documentStatus: "现行有效",
            label: "第八条", quotedText: "第八条 设立基金会，应当具备下列条件：……", generation: 3)
        try desk.addCitation(id, citation, by: staff)
        try desk.addCitation(id, citation, by: staff)  // twice: kept once
        #expect(try desk.consultation(id).citations == [citation])
        try desk.saveReply(id, text: "不低于 800 万元。", by: staff)
        #expect(throws: DeskError.self) { try desk.publishFAQ(id, by: staff) }
        try desk.publishFAQ(id, by: admin)
        #expect(try desk.qaPairs() == [QAPair(id: "DESK-\(id)", question: "基金会原始基金多少？", relevant: [.init(title: "基金会管理条例", article: 8)])])
        let file = Scratch.directory.appendingPathComponent("pairs-\(UUID().uuidString).jsonl").path
        try desk.writeQAPairs(to: file)
        #expect(try String(contentsOfFile: file, encoding: .utf8).contains("\"article\":8"))
        #expect(try !String(contentsOfFile: file, encoding: .utf8).contains("guest@example.cn"))
        try desk.unpublishFAQ(id, by: admin)
        #expect(try desk.qaPairs().isEmpty)
        let rows = try desk.export(by: admin)
        #expect(rows.count == 1 && rows[0].citations == ["《基金会管理条例》第八条"])
        let audit = try desk.auditTrail(by: admin)
        #expect(!audit.contains { ($0.after ?? "").contains("guest@example.cn") || ($0.before ?? "").contains("guest@example.cn") })
        #expect(Set(audit.map(\.action)).isSuperset(of: ["create", "cite", "reply", "publish", "unpublish", "export"]))
    }

    @Test func overdueCountsWorkingDays() throws {
        let clock = TestClock()  // 2026-11-30 (a Monday) 08:53 UTC
        let (desk, _, staff) = try open(clock)
        let id = try desk.create(ConsultationDraft(channel: .phone, receivedAt: clock.now, question: "年检"), by: staff)
        clock.advance(6 * 86_400)  // Sunday: 5 working days later
        #expect(!desk.isOverdue(try desk.consultation(id)))
        clock.advance(86_400)  // Monday: 5 (Sat and Sun do not count)
        #expect(!desk.isOverdue(try desk.consultation(id)))
        clock.advance(86_400)  // Tuesday: 6
        #expect(desk.isOverdue(try desk.consultation(id)))
        var query = ConsultationQuery()
        query.overdueOnly = true
        #expect(try desk.consultations(query).map(\.id) == [id])
    }

    @Test func onlineBackupWhileWriting() throws {
        let (desk, _, staff) = try open()
        for i in 0..<20 { _ = try desk.create(ConsultationDraft(channel: .phone, receivedAt: Date(), question: "问题 \(i)"), by: staff) }
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            for i in 0..<50 { _ = try? desk.create(ConsultationDraft(channel: .phone, receivedAt: Date(), question: "并发 \(i)"), by: staff) }
        }
        let target = Self.path()
        try desk.backup(to: target)
        group.wait()
        let copy = try Desk(path: target)
        #expect(try copy.consultations(ConsultationQuery()).count >= 20)
        #expect(throws: DeskError.self) { try desk.backup(to: target) }  // never overwrites
    }

    @Test func publicQuestionsGetReceiptsAndShowRepliesOnlyWhenPublishable() throws {
        let (desk, _, staff) = try open()
        let receipt = try desk.submitPublic(question: "社会组织评估等级有效期几年？", name: "李", contact: "139", address: "1.2.3.4")
        #expect(Desk.isReceipt(receipt))
        let id = try #require(try desk.consultations(ConsultationQuery()).first?.id)
        try desk.saveReply(id, text: "5 年。", by: staff)
        #expect(try desk.publicReply(receipt: receipt)?.reply == nil)
        try desk.setPublishable(id, true, by: staff)
        #expect(try desk.publicReply(receipt: receipt)?.reply == "5 年。")
        #expect(try desk.publicReply(receipt: "20260101-00000000") == nil)
        #expect(try desk.publicReply(receipt: "../etc") == nil)
    }
}

@Suite struct DeskSearchTests {
    @Test func consultationsAreSearchedWithTheChineseTokenizer() throws {
        let desk = try Desk(path: DeskTests.path())
        let staff = try desk.addAccount(name: "staff1", role: .staff, password: "mima-12345678")
        let a = try desk.create(ConsultationDraft(channel: .phone, receivedAt: Date(), question: "民办非企业单位年检要交哪些材料？"), by: staff)
        let b = try desk.create(ConsultationDraft(channel: .window, receivedAt: Date(), question: "基金会的原始基金最少要多少钱？"), by: staff)
        try desk.saveReply(b, text: "全国性公募基金会不低于 800 万元。", by: staff)
        func search(_ text: String) throws -> [Int64] {
            var query = ConsultationQuery()
            query.text = text
            return try desk.consultations(query).map(\.id)
        }
        #expect(try search("年检") == [a])
        #expect(try search("原始基金") == [b])
        #expect(try search("公募") == [b])  // in the reply
        #expect(try search("年检 基金会").isEmpty)  // every word must match
        #expect(try search("登记证书").isEmpty)
        // Query syntax is text, never FTS5 syntax.
        for hostile in ["\"", "年检\" OR \"基金", "*", "NEAR(", "question:年检", "(("] {
            _ = try search(hostile)
        }
    }
}
