import GRDB
import GongshiStore

/// Turns index rows into results with titles, labels and what they point to.
enum ResultResolver {
    struct Hit {
        let id: String
        let title: String
        var label: String? = nil
        let snippet: MarkedText
        let ref: RecordRef
    }

    /// 证书已过期 for a registered (正常) organization `o` whose certificate has run out, else NULL
    /// (the same rule as the disclosure lists' badge).
    static let expiredCertificateSQL = "CASE WHEN o.status = '正常' AND o.cert_until <> '' AND o.cert_until < date('now') THEN '证书已过期' END"

    /// Registration status and current credit listing of an organization, shown with it
    /// wherever search lists it (正常; 已撤销 · 列入严重违法失信名单; 正常 · 活动异常; 正常 · 证书已过期).
    static let statusSQL = """
        SELECT o.name, o.status, \(expiredCertificateSQL) AS certificate,
            (SELECT CASE
            WHEN max(c.list = '\(CreditRecord.serious)' AND (c.removed_on IS NULL OR c.removed_on > date('now'))) THEN '列入严重违法失信名单'
            WHEN max(c.list = '\(CreditRecord.abnormal)' AND (c.removed_on IS NULL OR c.removed_on > date('now'))) THEN '活动异常'
            END FROM credit_record c WHERE c.org_code = o.code) AS credit
        FROM org o WHERE o.code = ?
        """

    static func statusLabel(_ row: Row) -> String {
        [row["status"] as String?, row["certificate"] as String?, row["credit"] as String?].compactMap { $0 }.joined(separator: " · ")
    }

    /// A result and, for a credit record, the code of its organization.
    static func resolveWithOrganization(_ row: SearchEngine.RankedRow, db: Database) throws -> (SearchResult, String?)? {
        guard let result = try resolve(row, db: db) else { return nil }
        guard result.kind == "credit" else { return (result, nil) }
        return (result, try String.fetchOne(db.cachedStatement(sql: "SELECT org_code FROM credit_record WHERE id = ?"), arguments: [result.id]))
    }

    static func resolve(_ row: SearchEngine.RankedRow, db: Database) throws -> SearchResult? {
        guard let entry = try Row.fetchOne(db.cachedStatement(sql: "SELECT kind, ref FROM entry WHERE id = ?"), arguments: [row.rowid]) else { return nil }
        let ref: String = entry[1]
        let snippet = MarkedText("")  // filled in for the returned page only
        switch entry[0] as String {
        case "policy":
            guard let title = try String.fetchOne(db.cachedStatement(sql: "SELECT title FROM document WHERE id = ?"), arguments: [ref]) else { return nil }
            return SearchResult(kind: "policy", id: ref, title: title, label: nil, snippet: snippet, ref: .policy(id: ref), score: row.score)
        case "article", "section":
            guard
                let unit = try Row.fetchOne(
                    db.cachedStatement(
                        sql: """
                            SELECT u.document_id, u.label, u.anchor, d.title FROM unit u JOIN document d ON d.id = u.document_id WHERE u.id = ?
                            """), arguments: [ref])
            else { return nil }
            let documentId: String = unit["document_id"]
            let anchor: String = unit["anchor"]
            return SearchResult(
                kind: "article", id: "\(documentId)#\(anchor)", title: unit["title"], label: unit["label"],
                snippet: snippet, ref: .policy(id: documentId, anchor: anchor), score: row.score)
        case "org":
            guard let org = try Row.fetchOne(db.cachedStatement(sql: statusSQL), arguments: [ref]) else { return nil }
            return SearchResult(
                kind: "org", id: ref, title: org["name"], label: statusLabel(org), snippet: snippet, ref: .organization(code: ref), score: row.score)
        case "credit":
            guard let record = try Row.fetchOne(db.cachedStatement(sql: "SELECT org_code, org_name, list FROM credit_record WHERE id = ?"), arguments: [ref])
            else { return nil }
            let code: String = record["org_code"]
            let name: String? = record["org_name"]
            return SearchResult(
                kind: "credit", id: ref, title: name ?? code, label: nil, snippet: snippet,
                ref: .creditRecord(orgCode: code, id: ref), score: row.score)
        case "notice":
            guard let title = try String.fetchOne(db.cachedStatement(sql: "SELECT title FROM notice WHERE id = ?"), arguments: [ref]) else { return nil }
            return SearchResult(kind: "notice", id: ref, title: title, label: nil, snippet: snippet, ref: .notice(id: ref), score: row.score)
        default:
            return nil
        }
    }

    static func organization(code: String, db: Database) throws -> Hit? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT name, type, status, authority FROM org WHERE code = ?"), arguments: [code]) else {
            return nil
        }
        let snippet = MarkedText("\(row["type"] as String) · \(row["status"] as String) · \(row["authority"] as String) · 统一社会信用代码 \(code)")
        let label = try Row.fetchOne(db.cachedStatement(sql: statusSQL), arguments: [code]).map(statusLabel)
        return Hit(id: code, title: row["name"], label: label, snippet: snippet, ref: .organization(code: code))
    }

    /// Documents with a 文号 typed whole or in part: the exact number first, then (for
    /// a number without its serial) the issuer's numbers of that year.
    static func documents(number: DocumentNumber.Shape, db: Database) throws -> [Hit] {
        var keys: [String] = []
        if let key = number.key {
            keys = try String.fetchAll(db.cachedStatement(sql: "SELECT DISTINCT doc_number_key FROM document WHERE doc_number_key = ?"), arguments: [key])
        } else {
            keys = try String.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT DISTINCT doc_number_key FROM document WHERE doc_number_key >= ?1 AND doc_number_key < ?1 || char(1114111)
                        ORDER BY length(doc_number_key), doc_number_key LIMIT 5
                        """), arguments: [number.prefix])
        }
        return try keys.flatMap { try documents(numberKey: $0, db: db) }
    }

    /// Credit records (行政处罚) with a decision number typed whole or in part.
    static func decisions(number: DocumentNumber.Shape, db: Database) throws -> [Hit] {
        var rows: [Row] = []
        for form in number.writtenForms where rows.count < 5 {
            let sql =
                number.serial == nil
                ? "SELECT id, org_code, org_name, list, reason, decision_no, result FROM credit_record WHERE decision_no >= ?1 AND decision_no < ?1 || char(1114111) ORDER BY decision_no LIMIT 5"
                : "SELECT id, org_code, org_name, list, reason, decision_no, result FROM credit_record WHERE decision_no = ?1 LIMIT 5"
            rows += try Row.fetchAll(db.cachedStatement(sql: sql), arguments: [form])
        }
        return rows.prefix(5).map { row in
            let id = String(row["id"] as Int64)
            let code: String = row["org_code"]
            let name: String? = row["org_name"]
            let text = [row["decision_no"] as String?, row["reason"] as String?, row["result"] as String?].compactMap { $0 }.joined(separator: " · ")
            return Hit(id: id, title: name ?? code, label: row["list"], snippet: MarkedText(text), ref: .creditRecord(orgCode: code, id: id))
        }
    }

    static func documents(numberKey: String, db: Database) throws -> [Hit] {
        try Row.fetchAll(db.cachedStatement(sql: "SELECT id, title, doc_number, issuer FROM document WHERE doc_number_key = ?"), arguments: [numberKey]).map {
            row in
            let snippet = MarkedText([row["doc_number"] as String?, row["issuer"] as String?].compactMap { $0 }.joined(separator: " · "))
            return Hit(id: row["id"], title: row["title"], snippet: snippet, ref: .policy(id: row["id"]))
        }
    }
}
