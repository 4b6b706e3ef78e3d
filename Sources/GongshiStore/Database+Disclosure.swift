import Foundation
import GRDB

/// Writes of the transparency pages (schema v2-disclosure). Every value is a bound parameter.
extension Database {
    /// Adds the autocomplete keys of one organization's name.
    /// `nameWords`: the name as `ChineseTokenizer.words` segments it.
    public func insertSuggestKeys(code: String, nameWords: [String], fileId: Int64) throws {
        for (key, position) in SuggestKey.keys(forWords: nameWords) {
            try cachedStatement(sql: "INSERT INTO org_suggest(file_id, key, code, pos) VALUES (?, ?, ?, ?)")
                .execute(arguments: [fileId, key, code, position])
        }
    }

    /// Replaces the service-center rules.
    public func replaceServiceCenterRules(_ rules: [ServiceCenterRule]) throws {
        try execute(sql: "DELETE FROM center_rule")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for (seq, rule) in rules.enumerated() {
            let json = String(decoding: try encoder.encode(rule), as: UTF8.self)
            try cachedStatement(sql: "INSERT OR REPLACE INTO center_rule(id, seq, json) VALUES (?, ?, ?)")
                .execute(arguments: [rule.id, seq, json])
        }
    }
}
