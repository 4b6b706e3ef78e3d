import Foundation
import GRDB
import GongshiStore

/// Changes staff make to a consultation after intake; nil leaves a field as it is.
public struct ConsultationUpdate: Sendable {
    public var status: Consultation.Status?
    public var tags: [String]?
    public var assigneeID: Int64??
    public var organizationCode: String?
    public var organizationName: String?

    public init() {}
}

/// Which consultations a work view lists.
public struct ConsultationQuery: Sendable {
    public var assigneeID: Int64?
    public var openOnly = false
    public var overdueOnly = false
    /// Words that must all occur in the question or the reply (Chinese search: the gongshi tokenizer).
    public var text = ""
    public var limit = 100

    public init() {}
}

extension Desk {
    /// Records a consultation taken by `account` (status 待答复).
    public func create(_ draft: ConsultationDraft, by account: Account) throws(DeskError) -> Int64 {
        let draft = try Self.checked(draft)
        return try write { db in
            try db.execute(
                sql: """
                    INSERT INTO consultation (channel, received_at, question, enquirer_name, enquirer_contact, org_code, org_name,
                                              tags, status, assignee_id, created_by, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    draft.channel.rawValue, draft.receivedAt.timeIntervalSince1970, draft.question, draft.enquirerName,
                    draft.enquirerContact, draft.organizationCode, draft.organizationName, draft.tags.joined(separator: ","),
                    Consultation.Status.pending.rawValue, draft.assigneeID ?? account.id, account.id, now.timeIntervalSince1970,
                ])
            let id = db.lastInsertedRowID
            try audit(
                db, actor: account.name, action: "create", target: "consultation:\(id)",
                after: Self.json([
                    "channel": draft.channel.rawValue, "question": draft.question, "org": draft.organizationCode,
                    "tags": draft.tags.joined(separator: ","), "enquirer": draft.enquirerName.isEmpty && draft.enquirerContact.isEmpty ? "" : "（已登记，不记入审计）",
                ]))
            return id
        }
    }

    public func consultation(_ id: Int64) throws(DeskError) -> Consultation {
        let found = try read { db in try Self.fetch(db, id: id) }
        guard let found else { throw DeskError(.notFound, "没有编号为 \(id) 的咨询") }
        return found
    }

    /// Changes status, tags, assignee or organization; the audit row keeps before and after.
    public func update(_ id: Int64, _ change: ConsultationUpdate, by account: Account) throws(DeskError) {
        if let tags = change.tags { _ = try Self.checkedTags(tags) }
        try write { db in
            guard let old = try Self.fetch(db, id: id) else { throw DeskError(.notFound, "没有编号为 \(id) 的咨询") }
            var before: [String: String] = [:]
            var after: [String: String] = [:]
            if let status = change.status, status != old.status {
                try db.execute(sql: "UPDATE consultation SET status = ? WHERE id = ?", arguments: [status.rawValue, id])
                before["status"] = old.status.rawValue
                after["status"] = status.rawValue
            }
            if let tags = change.tags, tags != old.tags {
                try db.execute(sql: "UPDATE consultation SET tags = ? WHERE id = ?", arguments: [tags.joined(separator: ","), id])
                before["tags"] = old.tags.joined(separator: ",")
                after["tags"] = tags.joined(separator: ",")
            }
            if let assignee = change.assigneeID, assignee != old.assigneeID {
                if let assignee, try Bool.fetchOne(db, sql: "SELECT 1 FROM account WHERE id = ? AND disabled = 0", arguments: [assignee]) != true {
                    throw DeskError(.invalid, "承办人不存在或已停用")
                }
                try db.execute(sql: "UPDATE consultation SET assignee_id = ? WHERE id = ?", arguments: [assignee, id])
                before["assignee"] = old.assigneeID.map(String.init) ?? ""
                after["assignee"] = assignee.map(String.init) ?? ""
            }
            if let code = change.organizationCode, code != old.organizationCode {
                try db.execute(
                    sql: "UPDATE consultation SET org_code = ?, org_name = ? WHERE id = ?",
                    arguments: [String(code.prefix(18)), String((change.organizationName ?? "").prefix(100)), id])
                before["org"] = old.organizationCode
                after["org"] = code
            }
            guard !after.isEmpty else { return }
            try db.execute(sql: "UPDATE consultation SET updated_at = ? WHERE id = ?", arguments: [now.timeIntervalSince1970, id])
            try audit(
                db, actor: account.name, action: change.status != nil && after["status"] != nil ? "status" : "edit",
                target: "consultation:\(id)", before: Self.json(before), after: Self.json(after))
        }
    }

    /// Saves the reply text; a pending consultation becomes 已答复.
    public func saveReply(_ id: Int64, text: String, by account: Account) throws(DeskError) {
        let text = text.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.count <= Self.maxReplyCharacters else { throw DeskError(.invalid, "答复过长（最多 \(Self.maxReplyCharacters) 个字符）") }
        try write { db in
            guard let old = try Self.fetch(db, id: id) else { throw DeskError(.notFound, "没有编号为 \(id) 的咨询") }
            let status = old.status == .pending && !text.isEmpty ? Consultation.Status.answered : old.status
            try db.execute(
                sql: "UPDATE consultation SET reply = ?, replied_at = ?, status = ?, updated_at = ? WHERE id = ?",
                arguments: [text, now.timeIntervalSince1970, status.rawValue, now.timeIntervalSince1970, id])
            try audit(
                db, actor: account.name, action: "reply", target: "consultation:\(id)",
                before: Self.json(["reply": old.reply, "status": old.status.rawValue]),
                after: Self.json(["reply": text, "status": status.rawValue]))
        }
    }

    /// Adds a cited article to the reply (once; a second add of the same one is ignored).
    public func addCitation(_ id: Int64, _ citation: Citation, by account: Account) throws(DeskError) {
        try write { db in
            guard try Self.fetch(db, id: id) != nil else { throw DeskError(.notFound, "没有编号为 \(id) 的咨询") }
            let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM citation WHERE consultation_id = ?", arguments: [id]) ?? 0
            guard count < Self.maxCitations else { throw DeskError(.invalid, "一条答复最多引用 \(Self.maxCitations) 条") }
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO citation (consultation_id, position, document_id, document_title, document_status, label, quoted_text, generation)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    id, count, citation.documentID, citation.documentTitle, citation.documentStatus, citation.label,
                    citation.quotedText, citation.generation,
                ])
            guard db.changesCount > 0 else { return }
            try audit(
                db, actor: account.name, action: "cite", target: "consultation:\(id)",
                after: Self.json(["article": citation.reference, "generation": "\(citation.generation)"]))
        }
    }

    public func removeCitation(_ id: Int64, documentID: String, label: String, by account: Account) throws(DeskError) {
        try write { db in
            guard try Self.fetch(db, id: id) != nil else { throw DeskError(.notFound, "没有编号为 \(id) 的咨询") }
            try db.execute(sql: "DELETE FROM citation WHERE consultation_id = ? AND document_id = ? AND label = ?", arguments: [id, documentID, label])
            guard db.changesCount > 0 else { return }
            try audit(
                db, actor: account.name, action: "uncite", target: "consultation:\(id)",
                before: Self.json(["document": documentID, "label": label]))
        }
    }

    /// Whether the reply may be shown at /consult/{receipt}.
    public func setPublishable(_ id: Int64, _ publishable: Bool, by account: Account) throws(DeskError) {
        try write { db in
            guard let old = try Self.fetch(db, id: id) else { throw DeskError(.notFound, "没有编号为 \(id) 的咨询") }
            guard old.publishable != publishable else { return }
            try db.execute(
                sql: "UPDATE consultation SET publishable = ?, updated_at = ? WHERE id = ?",
                arguments: [publishable, now.timeIntervalSince1970, id])
            try audit(
                db, actor: account.name, action: "publishable", target: "consultation:\(id)",
                before: Self.json(["publishable": "\(old.publishable)"]), after: Self.json(["publishable": "\(publishable)"]))
        }
    }

    /// Consultations for a work view, newest first.
    public func consultations(_ query: ConsultationQuery) throws(DeskError) -> [Consultation] {
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if let assignee = query.assigneeID {
            conditions.append("c.assignee_id = ?")
            arguments.append(assignee)
        }
        if query.openOnly || query.overdueOnly { conditions.append("c.status IN ('待答复', '需跟进')") }
        // Each word is an FTS5 phrase (quoted: no query syntax gets through), all required.
        let words = query.text.split(whereSeparator: \.isWhitespace).prefix(5).map { MatchExpression.quote(String($0.prefix(50))) }
        if !words.isEmpty {
            conditions.append("c.id IN (SELECT rowid FROM consultation_search WHERE consultation_search MATCH ?)")
            arguments.append(words.joined(separator: " AND "))
        }
        let sql =
            "SELECT c.id FROM consultation c" + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "))
            + " ORDER BY c.received_at DESC, c.id DESC LIMIT ?"
        arguments.append(query.overdueOnly ? 10_000 : max(1, min(query.limit, 1_000)))
        let list: [Consultation] = try read { [arguments] db in
            try Int64.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).compactMap { try Self.fetch(db, id: $0) }
        }
        guard query.overdueOnly else { return list }
        return Array(list.filter { isOverdue($0) }.prefix(query.limit))
    }

    /// Open and received more than `policy.overdueWorkingDays` working days ago.
    public func isOverdue(_ consultation: Consultation) -> Bool {
        consultation.status.isOpen && consultation.status != .answered
            && Self.workingDays(from: consultation.receivedAt, to: now) > policy.overdueWorkingDays
    }

    /// Monday–Friday days after `start` up to `end` (public holidays are not known here).
    static func workingDays(from start: Date, to end: Date) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai") ?? .current
        var day = calendar.startOfDay(for: start)
        var count = 0
        let last = calendar.startOfDay(for: end)
        while day < last, count < 10_000 {
            guard let next = calendar.date(byAdding: .day, value: 1, to: day) else { break }
            day = next
            let weekday = calendar.component(.weekday, from: day)
            if weekday != 1 && weekday != 7 { count += 1 }
        }
        return count
    }

    // MARK: - Reading and checking

    static func fetch(_ db: Database, id: Int64) throws -> Consultation? {
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT c.*, a.name AS assignee_name, (SELECT 1 FROM faq f WHERE f.consultation_id = c.id) AS faq
                    FROM consultation c LEFT JOIN account a ON a.id = c.assignee_id WHERE c.id = ?
                    """, arguments: [id])
        else { return nil }
        let citations = try Row.fetchAll(db, sql: "SELECT * FROM citation WHERE consultation_id = ? ORDER BY position, id", arguments: [id]).map(citation)
        let tags: String = row["tags"]
        return Consultation(
            id: row["id"], channel: Consultation.Channel(rawValue: row["channel"]) ?? .phone,
            receivedAt: Date(timeIntervalSince1970: row["received_at"]), question: row["question"],
            enquirerName: row["enquirer_name"], enquirerContact: row["enquirer_contact"],
            organizationCode: row["org_code"], organizationName: row["org_name"],
            tags: tags.split(separator: ",").map(String.init), status: Consultation.Status(rawValue: row["status"]) ?? .pending,
            assigneeID: row["assignee_id"], assigneeName: row["assignee_name"], receipt: row["receipt"],
            publishable: (row["publishable"] as Int? ?? 0) != 0, reply: row["reply"],
            repliedAt: (row["replied_at"] as Double?).map(Date.init(timeIntervalSince1970:)),
            updatedAt: Date(timeIntervalSince1970: row["updated_at"]), citations: citations,
            publishedAsFAQ: (row["faq"] as Int?) != nil)
    }

    static func citation(_ row: Row) -> Citation {
        Citation(
            documentID: row["document_id"], documentTitle: row["document_title"], documentStatus: row["document_status"],
            label: row["label"], quotedText: row["quoted_text"], generation: row["generation"])
    }

    static func checked(_ draft: ConsultationDraft) throws(DeskError) -> ConsultationDraft {
        var d = draft
        d.question = d.question.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !d.question.isEmpty else { throw DeskError(.invalid, "请填写咨询的问题") }
        guard d.question.count <= maxQuestionCharacters else { throw DeskError(.invalid, "问题过长（最多 \(maxQuestionCharacters) 个字符）") }
        d.enquirerName = d.enquirerName.trimmingCharacters(in: .whitespacesAndNewlines)
        d.enquirerContact = d.enquirerContact.trimmingCharacters(in: .whitespacesAndNewlines)
        guard d.enquirerName.count <= maxNameCharacters else { throw DeskError(.invalid, "姓名过长（最多 \(maxNameCharacters) 个字符）") }
        guard d.enquirerContact.count <= maxContactCharacters else { throw DeskError(.invalid, "联系方式过长（最多 \(maxContactCharacters) 个字符）") }
        d.organizationCode = d.organizationCode.trimmingCharacters(in: .whitespaces).uppercased()
        guard d.organizationCode.count <= 18, d.organizationCode.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            throw DeskError(.invalid, "统一社会信用代码应为 18 位字母或数字")
        }
        d.organizationName = String(d.organizationName.trimmingCharacters(in: .whitespacesAndNewlines).prefix(100))
        d.tags = try checkedTags(d.tags)
        return d
    }

    static func checkedTags(_ tags: [String]) throws(DeskError) -> [String] {
        var out: [String] = []
        for tag in tags.map({ $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "") }) where !tag.isEmpty && !out.contains(tag) {
            guard tag.count <= maxTagCharacters else { throw DeskError(.invalid, "标签过长（最多 \(maxTagCharacters) 个字符）：\(tag)") }
            out.append(tag)
        }
        guard out.count <= maxTags else { throw DeskError(.invalid, "标签最多 \(maxTags) 个") }
        return out
    }
}
