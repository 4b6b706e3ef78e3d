import Foundation
import GRDB
import GongshiStore

/// What Q&A retrieval knows about one generation of the index: how many rows doc_search
/// has, the rowid range of each document (a policy row followed by the rows of its
/// articles and sections, written together by the indexer), and the number of rows that
/// contain each concept looked up so far, with the documents they are in.
///
/// Built once per index generation, like the lexicon; thread-safe.
final class AnswerIndexStats: Sendable {
    struct DocumentRange: Sendable {
        /// The policy row and the last article or section row of the document.
        let start: Int64
        let end: Int64
        let documentId: String
    }

    /// Rows that contain a concept (any of its forms) and the documents they belong to.
    struct Occurrences: Sendable {
        /// Rows found, at most `limit` + 1 (more: the concept is common and `documents` is empty).
        let rows: Int
        /// Index in `ranges` -> rows of that document.
        let documents: [Int: Int]
    }

    /// Rows of doc_search (policies, articles and sections).
    let rows: Int
    /// Sorted by `start`; ranges never overlap.
    let ranges: [DocumentRange]
    /// Document id -> index in `ranges`.
    let rangeOfDocument: [String: Int]
    /// Title of each range's document, for substring tests.
    let titles: [ByteText]

    /// An article or section as stage 2 reads it.
    struct UnitText: Sendable {
        let id: Int64
        let text: ByteText
        /// Chapter and label.
        let label: ByteText
    }

    /// What earlier questions read, shared by concurrent questions.
    private struct Caches {
        var occurrences: [String: Occurrences] = [:]
        var units: [Int: [UnitText]] = [:]
        var unitBytes = 0
    }
    private let caches = Locked(Caches())
    /// Bound on the bytes of cached unit texts (the whole text of a large body of law is
    /// some tens of MB; the documents questions are about are far fewer).
    static let maxCachedUnitBytes = 32 << 20
    /// Bound on the cached concepts.
    static let maxCachedConcepts = 20_000

    init(rows: Int, ranges: [DocumentRange], titles: [String: String]) {
        self.rows = rows
        self.ranges = ranges
        var index: [String: Int] = [:]
        for (i, range) in ranges.enumerated() where index[range.documentId] == nil { index[range.documentId] = i }
        rangeOfDocument = index
        self.titles = ranges.map { ByteText(titles[$0.documentId] ?? "") }
    }

    static func load(_ db: Database) throws -> AnswerIndexStats {
        var ranges: [DocumentRange] = []
        var rows = 0
        var current: (start: Int64, end: Int64, file: Int64, id: String)?
        let cursor = try Row.fetchCursor(db, sql: "SELECT id, file_id, kind, ref FROM entry WHERE kind IN ('policy', 'article', 'section') ORDER BY id")
        while let row = try cursor.next() {
            rows += 1
            let id: Int64 = row[0]
            let file: Int64 = row[1]
            let kind: String = row[2]
            if kind == "policy" {
                if let c = current { ranges.append(DocumentRange(start: c.start, end: c.end, documentId: c.id)) }
                current = (id, id, file, row[3])
            } else if let c = current, c.file == file {
                current = (c.start, id, c.file, c.id)
            }
        }
        if let c = current { ranges.append(DocumentRange(start: c.start, end: c.end, documentId: c.id)) }
        var titles: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, title FROM document") { titles[row[0]] = row[1] }
        return AnswerIndexStats(rows: rows, ranges: ranges, titles: titles)
    }

    /// The index in `ranges` of the document a row belongs to.
    func document(ofRow rowid: Int64) -> Int? {
        var low = 0
        var high = ranges.count - 1
        while low <= high {
            let mid = (low + high) / 2
            if ranges[mid].start > rowid { high = mid - 1 } else if ranges[mid].end < rowid { low = mid + 1 } else { return mid }
        }
        return nil
    }

    /// The articles and sections of the document of range `d`, cached.
    func units(ofDocument d: Int, db: Database) throws -> [UnitText] {
        if let cached = caches.value.units[d] { return cached }
        var list: [UnitText] = []
        var bytes = 0
        let cursor = try Row.fetchCursor(
            db.cachedStatement(
                sql: """
                    SELECT id, text, label, chapter FROM unit WHERE document_id = ? AND kind IN ('article', 'section') ORDER BY seq
                    """), arguments: [ranges[d].documentId])
        while let row = try cursor.next() {
            let text = try row.withUnsafeData(atIndex: 1) { ByteText(utf8: $0) }
            let label = ByteText(((row[3] as String?) ?? "") + " " + (row[2] as String))
            bytes += text.bytes.count + label.bytes.count + 64
            list.append(UnitText(id: row[0], text: text, label: label))
        }
        caches.withLock { c in
            if c.unitBytes + bytes > Self.maxCachedUnitBytes {
                c.units.removeAll(keepingCapacity: true)
                c.unitBytes = 0
            }
            c.units[d] = list
            c.unitBytes += bytes
        }
        return list
    }

    /// The rows (at most `limit` + 1) that contain any of `forms` in the title, label or
    /// text, by document; cached per generation, as concepts recur across questions.
    func occurrences(of forms: [String], limit: Int, db: Database) throws -> Occurrences {
        let key = forms.joined(separator: "\u{1}")
        if let cached = caches.value.occurrences[key] { return cached }
        // A cheap lower bound first: the rows where the dictionary found a form as one word
        // (one posting list, no positions). More than `limit` and the concept is common.
        for form in forms where form.count >= 2 && form.count <= 16 && form.unicodeScalars.allSatisfy({ $0.properties.isIdeographic }) {
            let words =
                try Int.fetchOne(
                    db.cachedStatement(sql: "SELECT count(*) FROM (SELECT rowid FROM doc_search WHERE doc_search MATCH ? LIMIT ?)"),
                    arguments: [MatchExpression.quote(ChineseTokenizer.wordMarker + form), limit + 1]) ?? 0
            if words > limit {
                let value = Occurrences(rows: words, documents: [:])
                store(value, key: key)
                return value
            }
        }
        var e = MatchExpression()
        for (i, form) in forms.enumerated() {
            if i > 0 { e.append(" OR ") }
            e.phrase(form, weight: 1)
        }
        e = e.restricted(to: ["title", "label", "body"])
        let rowids = try Int64.fetchAll(
            db.cachedStatement(sql: "SELECT rowid FROM doc_search WHERE doc_search MATCH ? LIMIT ?"),
            arguments: [e.text, limit + 1])
        var documents: [Int: Int] = [:]
        if rowids.count <= limit {
            for rowid in rowids { if let d = document(ofRow: rowid) { documents[d, default: 0] += 1 } }
        }
        let value = Occurrences(rows: rowids.count, documents: documents)
        store(value, key: key)
        return value
    }

    private func store(_ value: Occurrences, key: String) {
        caches.withLock { c in
            if c.occurrences.count >= Self.maxCachedConcepts { c.occurrences.removeAll(keepingCapacity: true) }
            c.occurrences[key] = value
        }
    }
}
