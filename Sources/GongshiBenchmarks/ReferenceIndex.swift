import Foundation
import GRDB
import GongshiStore

/// A yardstick for the indexing benchmark: the searchable text of a built index, indexed
/// again by SQLite's own `trigram` tokenizer (the cheapest substring index FTS5 offers: one
/// token per character, no word segmentation, no folding) into a fresh database, in one
/// transaction with FTS5's default settings. It shows what substring recall costs in FTS5
/// for that text on the machine — a yardstick rather than a strict bound, since it also cuts
/// codes and numbers into trigrams, which the gongshi tokenizer keeps whole. The records
/// themselves are not written.
public enum ReferenceIndex {
    public struct Figures: Sendable {
        public let seconds: Double
        public let rows: Int
        /// UTF-8 bytes of the text indexed (title, label, body and tags columns).
        public let textBytes: Int
        public let databaseBytes: Int
    }

    /// Builds the trigram reference of the index at `source` at `path` (replaced if present).
    public static func trigram(copying source: String, into path: String) throws(StoreError) -> Figures {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        do {
            let queue = try DatabaseQueue(path: path)
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA journal_mode = WAL")
                try db.execute(sql: "CREATE VIRTUAL TABLE reference USING fts5(title, label, body, tags, tokenize = 'trigram')")
                // Only read: the shadow content tables are plain tables, readable without the
                // gongshi tokenizer that the source's FTS tables name.
                try db.execute(sql: "ATTACH DATABASE ? AS source", arguments: [source])
            }
            let started = Date()
            var rows = 0
            try queue.inTransaction { db in
                for table in SearchTable.allCases {
                    // c0...c3 are the title, label, body and tags columns of the search tables.
                    try db.execute(sql: "INSERT INTO reference(title, label, body, tags) SELECT c0, c1, c2, c3 FROM source.\(table.rawValue)_content")
                    rows += db.changesCount
                }
                return .commit
            }
            let seconds = Date().timeIntervalSince(started)
            let textBytes = try queue.read { db in
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT coalesce(sum(length(CAST(title AS BLOB)) + length(CAST(label AS BLOB))
                          + length(CAST(body AS BLOB)) + length(CAST(tags AS BLOB))), 0) FROM reference
                        """) ?? 0
            }
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "DETACH DATABASE source")
                _ = try db.checkpoint(.truncate)
            }
            try queue.close()
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            return Figures(seconds: seconds, rows: rows, textBytes: textBytes, databaseBytes: size)
        } catch {
            throw StoreError.wrap(error, path: path)
        }
    }
}
