import Foundation
import GRDB
import GongshiStore

extension PolicyCatalog {
    /// How a citation names the version of a text: 2016修订 (the year of the last revision),
    /// or 1998公布 for a text never revised; nil when neither date is known.
    public static func versionLabel(revised: String?, promulgated: String?) -> String? {
        if let year = revised?.prefix(4), year.count == 4 { return "\(year)修订" }
        if let year = promulgated?.prefix(4), year.count == 4 { return "\(year)公布" }
        return nil
    }

    /// The version labels of the documents `ids` (at most 50), by id.
    public func versionLabels(ids: [String]) throws(SearchError) -> [String: String] {
        let ids = Array(Set(ids).prefix(50))
        guard !ids.isEmpty else { return [:] }
        return try read { db in
            var out: [String: String] = [:]
            let marks = Array(repeating: "?", count: ids.count).joined(separator: ", ")
            for row in try Row.fetchAll(db, sql: "SELECT id, revised, promulgated FROM document WHERE id IN (\(marks))", arguments: StatementArguments(ids)) {
                if let label = Self.versionLabel(revised: row["revised"], promulgated: row["promulgated"]) { out[row["id"]] = label }
            }
            return out
        }
    }
}
