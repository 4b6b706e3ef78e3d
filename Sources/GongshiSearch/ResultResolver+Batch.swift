import Foundation
import GRDB
import GongshiStore

/// Results for many rows in one statement: a common word resolves dozens of passages
/// before it has ten distinct documents, and a statement per row (two for articles) was
/// a large share of a search's time.
extension ResultResolver {
    static let batchSQL = """
        SELECT e.id, e.kind, e.ref, u.document_id, u.label, u.anchor,
          coalesce(d.title, du.title) AS doc_title,
          o.name AS org_name, o.status AS org_status,
          \(expiredCertificateSQL) AS org_certificate,
          (SELECT CASE
            WHEN max(x.list = '\(CreditRecord.serious)' AND (x.removed_on IS NULL OR x.removed_on > date('now'))) THEN '列入严重违法失信名单'
            WHEN max(x.list = '\(CreditRecord.abnormal)' AND (x.removed_on IS NULL OR x.removed_on > date('now'))) THEN '活动异常'
            END FROM credit_record x WHERE e.kind = 'org' AND x.org_code = e.ref) AS org_credit,
          c.org_code AS credit_org, c.org_name AS credit_name,
          n.title AS notice_title
        FROM json_each(?) j
        JOIN entry e ON e.id = j.value
        LEFT JOIN document d ON e.kind = 'policy' AND d.id = e.ref
        LEFT JOIN unit u ON e.kind IN ('article', 'section') AND u.id = e.ref
        LEFT JOIN document du ON du.id = u.document_id
        LEFT JOIN org o ON e.kind = 'org' AND o.code = e.ref
        LEFT JOIN credit_record c ON e.kind = 'credit' AND c.id = e.ref
        LEFT JOIN notice n ON e.kind = 'notice' AND n.id = e.ref
        """

    /// What ranking needs of a documents-index row: its kind and id (for duplicates and for
    /// a page's one-per-document order), not its titles and labels. A common word ranks
    /// hundreds of passages of few documents before a page has ten documents; only the
    /// page is resolved in full (`resolve(batch:)`), which is a third of the work per row.
    static let documentIdentitySQL = """
        SELECT e.id, e.kind, e.ref, u.document_id, u.anchor,
          EXISTS (SELECT 1 FROM document d WHERE d.id = CASE WHEN e.kind = 'policy' THEN e.ref ELSE u.document_id END) AS present
        FROM json_each(?) j
        JOIN entry e ON e.id = j.value
        LEFT JOIN unit u ON e.kind IN ('article', 'section') AND u.id = e.ref
        """

    /// Documents-index rows as results without title and label (the rows `resolve(batch:)`
    /// would resolve, with the same kind, id, page and score), keyed by rowid.
    static func identify(batch rows: ArraySlice<SearchEngine.RankedRow>, db: Database) throws -> [Int64: SearchResult] {
        guard !rows.isEmpty else { return [:] }
        let ids = "[" + rows.map { String($0.rowid) }.joined(separator: ",") + "]"
        var scores: [Int64: Double] = [:]
        for row in rows { scores[row.rowid] = row.score }
        var out: [Int64: SearchResult] = [:]
        let cursor = try Row.fetchCursor(db.cachedStatement(sql: documentIdentitySQL), arguments: [ids])
        while let r = try cursor.next() {
            guard r[5] as Bool else { continue }
            let rowid: Int64 = r[0]
            let kind: String = r[1]
            let ref: String = r[2]
            let score = scores[rowid] ?? 0
            switch kind {
            case "policy":
                out[rowid] = SearchResult(kind: "policy", id: ref, title: "", label: nil, snippet: MarkedText(""), ref: .policy(id: ref), score: score)
            case "article", "section":
                guard let documentId = r[3] as String?, let anchor = r[4] as String? else { continue }
                out[rowid] = SearchResult(
                    kind: "article", id: "\(documentId)#\(anchor)", title: "", label: nil,
                    snippet: MarkedText(""), ref: .policy(id: documentId, anchor: anchor), score: score)
            default:
                continue
            }
        }
        return out
    }

    /// Resolves `rows` (in any order) to results keyed by rowid, with the organization of
    /// each credit record.
    static func resolve(batch rows: ArraySlice<SearchEngine.RankedRow>, db: Database) throws -> [Int64: (SearchResult, String?)] {
        guard !rows.isEmpty else { return [:] }
        let ids = "[" + rows.map { String($0.rowid) }.joined(separator: ",") + "]"
        var scores: [Int64: Double] = [:]
        for row in rows { scores[row.rowid] = row.score }
        var out: [Int64: (SearchResult, String?)] = [:]
        let cursor = try Row.fetchCursor(db.cachedStatement(sql: batchSQL), arguments: [ids])
        while let r = try cursor.next() {
            let rowid: Int64 = r[0]
            let kind: String = r[1]
            let ref: String = r[2]
            let score = scores[rowid] ?? 0
            switch kind {
            case "policy":
                guard let title = r["doc_title"] as String? else { continue }
                out[rowid] = (
                    SearchResult(kind: "policy", id: ref, title: title, label: nil, snippet: MarkedText(""), ref: .policy(id: ref), score: score), nil
                )
            case "article", "section":
                guard let documentId = r["document_id"] as String?, let anchor = r["anchor"] as String?, let title = r["doc_title"] as String? else { continue }
                out[rowid] = (
                    SearchResult(
                        kind: "article", id: "\(documentId)#\(anchor)", title: title, label: r["label"],
                        snippet: MarkedText(""), ref: .policy(id: documentId, anchor: anchor), score: score), nil
                )
            case "org":
                guard let name = r["org_name"] as String? else { continue }
                let label = [r["org_status"] as String?, r["org_certificate"] as String?, r["org_credit"] as String?].compactMap { $0 }.joined(separator: " · ")
                out[rowid] = (
                    SearchResult(kind: "org", id: ref, title: name, label: label, snippet: MarkedText(""), ref: .organization(code: ref), score: score), nil
                )
            case "credit":
                guard let code = r["credit_org"] as String? else { continue }
                let name: String? = r["credit_name"]
                out[rowid] = (
                    SearchResult(
                        kind: "credit", id: ref, title: name ?? code, label: nil, snippet: MarkedText(""),
                        ref: .creditRecord(orgCode: code, id: ref), score: score), code
                )
            case "notice":
                guard let title = r["notice_title"] as String? else { continue }
                out[rowid] = (
                    SearchResult(kind: "notice", id: ref, title: title, label: nil, snippet: MarkedText(""), ref: .notice(id: ref), score: score), nil
                )
            default:
                continue
            }
        }
        return out
    }
}
