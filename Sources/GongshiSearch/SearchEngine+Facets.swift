import Foundation
import GRDB
import GongshiStore

extension SearchEngine {
    /// Records counted for facets: as with ranking, a common word over a million
    /// organizations is counted over its most recent matches only.
    public static let facetRecordWindow = 5_000

    /// Counts of kind, level, issuer, status and year (documents) and of type, status and
    /// grade (organizations) among the matches of a query, under its filters.
    public func facets(_ request: SearchRequest) throws(SearchError) -> SearchFacets {
        do {
            return try database.pool.read { db in
                let expression = try analyze(request.query, db: db).expression?.restricted(to: SearchEngine.textColumns)
                guard let expression else { return SearchFacets(groups: []) }
                var counts: [String: [String: Int]] = [:]
                func add(_ facet: String, _ value: String?) {
                    guard let value, !value.isEmpty else { return }
                    counts[facet, default: [:]][value, default: 0] += 1
                }
                var capped = false
                for table in SearchEngine.tables(for: request.kind) {
                    // Qualified: the documents query joins `entry`, which has a `kind` too.
                    let kind = kindFilter(request.kind, column: "\(table.rawValue).kind")
                    var condition = kind.sql
                    var arguments: StatementArguments = [expression.shortText] + kind.arguments
                    let filter = request.filters.sql(for: table)
                    condition += filter.0
                    arguments += filter.1
                    let name = table.rawValue
                    switch table {
                    case .documents:
                        let rows = try Row.fetchAll(
                            db.cachedStatement(
                                sql: """
                                    SELECT e.kind, d.level, d.issuer, d.status, substr(d.promulgated, 1, 4) AS year
                                    FROM (SELECT rowid FROM \(name) WHERE \(name) MATCH ?\(condition)) m JOIN entry e ON e.id = m.rowid
                                    JOIN document d ON d.id = CASE WHEN e.kind = 'policy' THEN e.ref ELSE (SELECT u.document_id FROM unit u WHERE u.id = e.ref) END
                                    """), arguments: arguments)
                        for row in rows {
                            add("kind", (row["kind"] as String) == "section" ? "article" : row["kind"])
                            add("level", row["level"])
                            add("issuer", row["issuer"])
                            add("status", row["status"])
                            add("year", row["year"])
                        }
                    case .records:
                        let rows = try Row.fetchAll(
                            db.cachedStatement(
                                sql: """
                                    SELECT e.kind, o.type, o.status, o.grade
                                    FROM (SELECT rowid FROM \(name) WHERE \(name) MATCH ?\(condition) ORDER BY rowid DESC LIMIT \(SearchEngine.facetRecordWindow)) m
                                    JOIN entry e ON e.id = m.rowid LEFT JOIN org o ON e.kind = 'org' AND o.code = e.ref
                                    """), arguments: arguments)
                        capped = capped || rows.count >= SearchEngine.facetRecordWindow
                        for row in rows {
                            add("kind", row["kind"])
                            add("org_type", row["type"])
                            add("org_status", row["status"])
                            add("grade", row["grade"])
                        }
                    }
                }
                let order = ["kind", "level", "status", "issuer", "year", "org_type", "org_status", "grade"]
                let groups = order.compactMap { name -> Facet? in
                    guard let values = counts[name] else { return nil }
                    let sorted = values.sorted { name == "year" ? $0.key > $1.key : ($0.value, $1.key) > ($1.value, $0.key) }
                    return Facet(name: name, values: sorted.prefix(20).map { Facet.Value(value: $0.key, count: $0.value) })
                }
                return SearchFacets(groups: groups, capped: capped)
            }
        } catch let error as SearchError {
            throw error
        } catch {
            throw .store(StoreError.wrap(error, path: database.path))
        }
    }
}

/// Facet counts of a search.
public struct SearchFacets: Codable, Sendable {
    public var groups: [Facet]
    /// True when record counts stopped at `SearchEngine.facetRecordWindow` matches.
    public var capped = false
}
