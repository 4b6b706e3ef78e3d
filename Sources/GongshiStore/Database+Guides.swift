import Foundation
import GRDB

extension Database {
    /// Replaces every 办事指南 in the index (they are few and loaded whole each run).
    public func replaceGuides(_ guides: [Guide]) throws {
        try execute(sql: "DELETE FROM guide")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for (seq, guide) in guides.enumerated() {
            let json = String(decoding: try encoder.encode(guide), as: UTF8.self)
            try cachedStatement(sql: "INSERT INTO guide(id, seq, json) VALUES (?, ?, ?)").execute(arguments: [guide.id, seq, json])
        }
    }

    /// The guides in file order.
    public func guides() throws -> [Guide] {
        let decoder = JSONDecoder()
        return try String.fetchAll(self, sql: "SELECT json FROM guide ORDER BY seq").map {
            try decoder.decode(Guide.self, from: Data($0.utf8))
        }
    }
}
