import Foundation
import GRDB

/// What a citizen sees at /consult/{receipt}: the question, the status and, once staff
/// marked it publishable, the reply with its citations. Nothing about the enquirer.
public struct PublicReply: Sendable, Codable {
    public var receipt: String
    public var question: String
    public var status: Consultation.Status
    public var reply: String?
    public var citations: [Citation]
}

extension Desk {
    /// A question from /consult, without an account: rate-limited per address, answered
    /// with a receipt number (date and 8 random digits: not guessable, easy to read out).
    public func submitPublic(question: String, name: String, contact: String, address: String) throws(DeskError) -> String {
        var draft = ConsultationDraft(channel: .online, receivedAt: now, question: question)
        draft.enquirerName = name
        draft.enquirerContact = contact
        draft = try Self.checked(draft)
        var generator = SystemRandomNumberGenerator()
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyyMMdd"
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        let day = formatter.string(from: now)
        return try write { db in
            try throttle(db, kind: "public", key: address, limit: policy.publicQuestionsPerAddress, window: policy.publicWindow)
            var receipt = ""
            repeat {
                receipt = "\(day)-" + String(format: "%08d", Int.random(in: 0..<100_000_000, using: &generator))
            } while try Bool.fetchOne(db, sql: "SELECT 1 FROM consultation WHERE receipt = ?", arguments: [receipt]) == true
            try db.execute(
                sql: """
                    INSERT INTO consultation (channel, received_at, question, enquirer_name, enquirer_contact, status, receipt, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    draft.channel.rawValue, now.timeIntervalSince1970, draft.question, draft.enquirerName, draft.enquirerContact,
                    Consultation.Status.pending.rawValue, receipt, now.timeIntervalSince1970,
                ])
            try audit(
                db, actor: "公众", action: "public_submit", target: "consultation:\(db.lastInsertedRowID)",
                after: Self.json(["question": draft.question, "receipt": receipt]))
            return receipt
        }
    }

    /// `20261206-48217730`.
    public static func isReceipt(_ text: String) -> Bool {
        let u = Array(text.utf8)
        return u.count == 17 && u[8] == 0x2D && u.enumerated().allSatisfy { $0.offset == 8 || (0x30...0x39).contains($0.element) }
    }

    /// The public view of a receipt; nil for an unknown one.
    public func publicReply(receipt: String) throws(DeskError) -> PublicReply? {
        guard Self.isReceipt(receipt) else { return nil }
        return try read { db in
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM consultation WHERE receipt = ?", arguments: [receipt]),
                let c = try Self.fetch(db, id: id)
            else { return nil }
            let shown = c.publishable && !c.reply.isEmpty
            return PublicReply(
                receipt: receipt, question: c.question, status: c.status, reply: shown ? c.reply : nil,
                citations: shown ? c.citations : [])
        }
    }
}
