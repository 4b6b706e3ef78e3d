import GongshiStore
import GRDB

/// Turns index rows into results with titles, labels and what they point to.
enum ResultResolver {
    struct Hit {
        let id: String
        let title: String
        let snippet: MarkedText
        let ref: RecordRef
    }

    static func resolve(_ row: SearchEngine.RankedRow, db: Database) throws -> SearchResult? {
        guard let ref = try String.fetchOne(db.cachedStatement(sql: "SELECT ref FROM entry WHERE id = ?"), arguments: [row.rowid]) else { return nil }
        let snippet = MarkedText("")   // filled in for the returned page only
        switch row.kind {
        case "policy":
            guard let title = try String.fetchOne(db.cachedStatement(sql: "SELECT title FROM document WHERE id = ?"), arguments: [ref]) else { return nil }
            return SearchResult(kind: "policy", id: ref, title: title, label: nil, snippet: snippet, ref: .policy(id: ref), score: row.score)
        case "article", "section":
            guard let unit = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT u.document_id, u.label, u.anchor, d.title FROM unit u JOIN document d ON d.id = u.document_id WHERE u.id = ?
                """), arguments: [ref]) else { return nil }
            let documentId: String = unit["document_id"], anchor: String = unit["anchor"]
            return SearchResult(kind: "article", id: "\(documentId)#\(anchor)", title: unit["title"], label: unit["label"],
                                snippet: snippet, ref: .policy(id: documentId, anchor: anchor), score: row.score)
        case "org":
            guard let name = try String.fetchOne(db.cachedStatement(sql: "SELECT name FROM org WHERE code = ?"), arguments: [ref]) else { return nil }
            return SearchResult(kind: "org", id: ref, title: name, label: nil, snippet: snippet, ref: .organization(code: ref), score: row.score)
        case "credit":
            guard let record = try Row.fetchOne(db.cachedStatement(sql: "SELECT org_code, org_name, list FROM credit_record WHERE id = ?"), arguments: [ref]) else { return nil }
            let code: String = record["org_code"]
            let name: String? = record["org_name"]
            return SearchResult(kind: "credit", id: ref, title: name ?? code, label: nil, snippet: snippet,
                                ref: .creditRecord(orgCode: code, id: ref), score: row.score)
        case "notice":
            guard let title = try String.fetchOne(db.cachedStatement(sql: "SELECT title FROM notice WHERE id = ?"), arguments: [ref]) else { return nil }
            return SearchResult(kind: "notice", id: ref, title: title, label: nil, snippet: snippet, ref: .notice(id: ref), score: row.score)
        default:
            return nil
        }
    }

    static func organization(code: String, db: Database) throws -> Hit? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT name, type, status, authority FROM org WHERE code = ?"), arguments: [code]) else { return nil }
        let snippet = MarkedText("\(row["type"] as String) · \(row["status"] as String) · \(row["authority"] as String) · 统一社会信用代码 \(code)")
        return Hit(id: code, title: row["name"], snippet: snippet, ref: .organization(code: code))
    }

    static func documents(numberKey: String, db: Database) throws -> [Hit] {
        try Row.fetchAll(db.cachedStatement(sql: "SELECT id, title, doc_number, issuer FROM document WHERE doc_number_key = ?"), arguments: [numberKey]).map { row in
            let snippet = MarkedText([row["doc_number"] as String?, row["issuer"] as String?].compactMap { $0 }.joined(separator: " · "))
            return Hit(id: row["id"], title: row["title"], snippet: snippet, ref: .policy(id: row["id"]))
        }
    }
}
