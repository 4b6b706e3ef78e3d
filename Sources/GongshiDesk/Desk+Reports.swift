import Foundation
import GRDB

/// A consultation as exported: no enquirer name or contact, no receipt.
public struct ConsultationExportRow: Sendable {
    public var id: Int64
    public var channel: String
    public var receivedAt: Date
    public var question: String
    public var organizationCode: String
    public var tags: [String]
    public var status: String
    public var assignee: String
    public var reply: String
    public var citations: [String]
}

/// Counts for /desk/stats.
public struct DeskStatistics: Sendable, Codable {
    public struct Count: Sendable, Codable {
        public var key: String
        public var count: Int
    }
    public var total: Int
    public var byChannel: [Count]
    public var byStatus: [Count]
    public var byTag: [Count]
    public var byMonth: [Count]

    enum CodingKeys: String, CodingKey {
        case total, byChannel = "by_channel", byStatus = "by_status", byTag = "by_tag", byMonth = "by_month"
    }
}

extension Desk {
    /// The audit trail, newest first (admins only).
    public func auditTrail(limit: Int = 200, by account: Account) throws(DeskError) -> [AuditEntry] {
        guard account.isAdmin else { throw DeskError(.forbidden, "只有管理员可以查看审计记录") }
        return try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit ORDER BY id DESC LIMIT ?", arguments: [max(1, min(limit, 5_000))]).map { row in
                AuditEntry(
                    id: row["id"], at: Date(timeIntervalSince1970: row["at"]), actor: row["actor"], action: row["action"],
                    target: row["target"], before: row["before"], after: row["after"])
            }
        }
    }

    /// Every consultation without personal data, for the CSV export (audited).
    public func export(by account: Account) throws(DeskError) -> [ConsultationExportRow] {
        try write { db in
            let ids = try Int64.fetchAll(db, sql: "SELECT id FROM consultation ORDER BY id")
            let rows = try ids.compactMap { try Self.fetch(db, id: $0) }.map { c in
                ConsultationExportRow(
                    id: c.id, channel: c.channel.rawValue, receivedAt: c.receivedAt, question: c.question,
                    organizationCode: c.organizationCode, tags: c.tags, status: c.status.rawValue,
                    assignee: c.assigneeName ?? "", reply: c.reply, citations: c.citations.map(\.reference))
            }
            try audit(db, actor: account.name, action: "export", target: "consultations", after: Self.json(["rows": "\(rows.count)"]))
            return rows
        }
    }

    public func statistics() throws(DeskError) -> DeskStatistics {
        try read { db in
            func counts(_ sql: String) throws -> [DeskStatistics.Count] {
                try Row.fetchAll(db, sql: sql).map { DeskStatistics.Count(key: $0[0] ?? "", count: $0[1]) }
            }
            var tags: [String: Int] = [:]
            for line in try String.fetchAll(db, sql: "SELECT tags FROM consultation WHERE tags <> ''") {
                for tag in line.split(separator: ",") { tags[String(tag), default: 0] += 1 }
            }
            return DeskStatistics(
                total: try Int.fetchOne(db, sql: "SELECT count(*) FROM consultation") ?? 0,
                byChannel: try counts("SELECT channel, count(*) FROM consultation GROUP BY channel ORDER BY 2 DESC"),
                byStatus: try counts("SELECT status, count(*) FROM consultation GROUP BY status ORDER BY 2 DESC"),
                byTag: tags.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { .init(key: $0.key, count: $0.value) },
                byMonth: try counts("SELECT strftime('%Y-%m', received_at, 'unixepoch', '+8 hours'), count(*) FROM consultation GROUP BY 1 ORDER BY 1"))
        }
    }
}
