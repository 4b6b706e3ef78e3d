import Foundation
import GRDB

/// What Q&A retrieval knows about one generation of the index: how many rows doc_search
/// has, the rowid range of each document (a policy row followed by the rows of its
/// articles and sections, written together by the indexer), and the number of rows that
/// contain each term looked up so far (from the fts5vocab table doc_terms).
///
/// Built once per index generation, like the lexicon; thread-safe.
final class AnswerIndexStats: @unchecked Sendable {
    struct DocumentRange: Sendable {
        /// The policy row and the last article or section row of the document.
        let start: Int64
        let end: Int64
        let documentId: String
    }

    /// Rows of doc_search (policies, articles and sections).
    let rows: Int
    /// Sorted by `start`; ranges never overlap.
    let ranges: [DocumentRange]
    /// Document id -> index in `ranges`.
    let rangeOfDocument: [String: Int]

    private let lock = NSLock()
    private var frequencies: [String: Int] = [:]
    /// Bound on the cached terms (a term is a character, a word or a Latin/digit token).
    static let maxCachedTerms = 200_000

    init(rows: Int, ranges: [DocumentRange]) {
        self.rows = rows
        self.ranges = ranges
        var index: [String: Int] = [:]
        for (i, range) in ranges.enumerated() where index[range.documentId] == nil { index[range.documentId] = i }
        rangeOfDocument = index
    }

    static func load(_ db: Database) throws -> AnswerIndexStats {
        var ranges: [DocumentRange] = []
        var rows = 0
        var current: (start: Int64, end: Int64, file: Int64, id: String)?
        let cursor = try Row.fetchCursor(db, sql: "SELECT id, file_id, kind, ref FROM entry WHERE kind IN ('policy', 'article', 'section') ORDER BY id")
        while let row = try cursor.next() {
            rows += 1
            let id: Int64 = row[0], file: Int64 = row[1], kind: String = row[2]
            if kind == "policy" {
                if let c = current { ranges.append(DocumentRange(start: c.start, end: c.end, documentId: c.id)) }
                current = (id, id, file, row[3])
            } else if let c = current, c.file == file {
                current = (c.start, id, c.file, c.id)
            }
        }
        if let c = current { ranges.append(DocumentRange(start: c.start, end: c.end, documentId: c.id)) }
        return AnswerIndexStats(rows: rows, ranges: ranges)
    }

    /// The index in `ranges` of the document a row belongs to.
    func document(ofRow rowid: Int64) -> Int? {
        var low = 0, high = ranges.count - 1
        while low <= high {
            let mid = (low + high) / 2
            if ranges[mid].start > rowid { high = mid - 1 } else if ranges[mid].end < rowid { low = mid + 1 } else { return mid }
        }
        return nil
    }

    /// Rows that contain `term` (one token as the tokenizer emits it), cached.
    func frequency(of term: String, db: Database) throws -> Int {
        lock.lock()
        let cached = frequencies[term]
        lock.unlock()
        if let cached { return cached }
        let value = try Int.fetchOne(db.cachedStatement(sql: "SELECT doc FROM doc_terms WHERE term = ?"), arguments: [term]) ?? 0
        lock.lock()
        if frequencies.count >= Self.maxCachedTerms { frequencies.removeAll(keepingCapacity: true) }
        frequencies[term] = value
        lock.unlock()
        return value
    }
}
