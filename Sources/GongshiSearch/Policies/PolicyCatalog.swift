import Foundation
import GRDB
import GongshiStore

/// The disclosure catalogue of regulations and policy documents: lists with filters and
/// facet counts, one document with its structure, and the figures of the home page.
public struct PolicyCatalog: Sendable {
    public let database: GongshiDatabase

    public init(database: GongshiDatabase) { self.database = database }

    public static let maxPageSize = 100

    /// A page of documents matching `filter`, newest first, with facet counts over the
    /// documents that match the filter.
    public func list(_ filter: PolicyFilter, page: Int = 1, pageSize: Int = 20) throws(SearchError) -> PolicyList {
        let size = min(max(pageSize, 1), Self.maxPageSize)
        let page = min(max(page, 1), 10_000)
        return try read { db in
            let (condition, arguments) = filter.sql()
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM document d\(condition)", arguments: arguments) ?? 0
            let items = try Row.fetchAll(
                db,
                sql: """
                    SELECT d.*, (SELECT count(*) FROM unit u WHERE u.document_id = d.id) AS units
                    FROM document d\(condition)
                    ORDER BY coalesce(d.revised, d.promulgated, d.effective, '') DESC, d.title LIMIT ? OFFSET ?
                    """, arguments: arguments + [size, (page - 1) * size]
            ).map(PolicySummary.init(row:))
            var facets: [Facet] = []
            for (name, column) in PolicyFilter.facetColumns {
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT \(column) AS value, count(*) AS n FROM document d\(condition)
                        GROUP BY value HAVING value IS NOT NULL AND value != '' ORDER BY n DESC, value LIMIT 30
                        """, arguments: arguments)
                facets.append(Facet(name: name, values: rows.map { Facet.Value(value: $0["value"], count: $0["n"]) }))
            }
            return PolicyList(total: total, page: page, pageSize: size, items: items, facets: facets)
        }
    }

    /// One document with its units in order; nil when there is no such document.
    public func document(id: String) throws(SearchError) -> PolicyPage? {
        guard id.count <= 200 else { return nil }
        return try read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT d.*, (SELECT count(*) FROM unit u WHERE u.document_id = d.id) AS units FROM document d WHERE d.id = ?
                        """, arguments: [id])
            else { return nil }
            let units = try Row.fetchAll(
                db,
                sql: """
                    SELECT kind, label, number, chapter, anchor, text FROM unit WHERE document_id = ? ORDER BY seq
                    """, arguments: [id]
            ).map { row in
                PolicyPage.Unit(
                    kind: row["kind"], label: row["label"], number: row["number"], chapter: row["chapter"],
                    anchor: row["anchor"], text: row["text"])
            }
            return PolicyPage(document: PolicySummary(row: row), preamble: row["preamble"], units: units)
        }
    }

    /// Counts for the home page and the most recently issued or revised documents.
    public func overview(recentPolicies: Int = 5, recentNotices: Int = 5) throws(SearchError) -> CatalogOverview {
        try read { db in
            func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql) ?? 0 }
            let counts = CatalogOverview.Counts(
                policies: try count("SELECT count(*) FROM document"),
                articles: try count("SELECT count(*) FROM unit"),
                organizations: try count("SELECT count(*) FROM org"),
                creditRecords: try count("SELECT count(*) FROM credit_record"),
                notices: try count("SELECT count(*) FROM notice"))
            let policies = try Row.fetchAll(
                db,
                sql: """
                    SELECT d.*, (SELECT count(*) FROM unit u WHERE u.document_id = d.id) AS units FROM document d
                    ORDER BY coalesce(d.revised, d.promulgated, d.effective, '') DESC LIMIT ?
                    """, arguments: [recentPolicies]
            ).map(PolicySummary.init(row:))
            let notices = try Row.fetchAll(
                db, sql: "SELECT id, title, kind, issuer, date FROM notice ORDER BY date DESC, id LIMIT ?",
                arguments: [recentNotices]
            ).map { row in
                CatalogOverview.NoticeLink(
                    id: row["id"], title: row["title"], kind: row["kind"], issuer: row["issuer"],
                    date: row["date"])
            }
            return CatalogOverview(counts: counts, recentPolicies: policies, recentNotices: notices)
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws(SearchError) -> T {
        do { return try database.pool.read(body) } catch { throw .store(StoreError.wrap(error, path: database.path)) }
    }
}
