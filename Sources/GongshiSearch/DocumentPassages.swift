import GRDB
import GongshiStore

/// What ranking needs of every documents-index row — its kind, id and page — and what a
/// page shows of it (its document's title, its label), read once per index generation: a common word identifies hundreds
/// of passages of few documents before a page has ten documents, which took a statement
/// per batch and string-keyed bookkeeping per passage. Rows are numbered so that a
/// search deduplicates and groups them by integers.
final class DocumentPassages: Sendable {
    struct Passage: Sendable {
        let kind: String
        let id: String
        let ref: RecordRef
        /// One number per result (kind and id): rows of the same result share it.
        let key: Int
        /// One number per document (`SearchEngine.documentKey`): a policy and its units share it.
        let document: Int
        /// The unit's label (第十条), nil for a policy.
        let label: String?
    }

    /// Every passage, numbered by `number(ofRow:)`.
    let all: [Passage]
    /// `all[n].key` and `all[n].document` as plain integers: reading a field through
    /// `all[n]` copies the whole passage (retaining and releasing its strings), on every
    /// ranked row.
    let keyOf: [Int]
    let documentOf: [Int]
    /// The number in `all` of each row, by rowid (-1: none), when rowids are dense enough
    /// for an array (as `RowLengths` keeps them): a common word walks hundreds of rows, and
    /// a dictionary look-up and a copy of the passage per row were a few percent of a search.
    private let numbers: [Int32]
    /// The same when rowids are too sparse for an array.
    private let sparseNumbers: [Int64: Int]
    /// The number of each result ("kind:id"), for results found otherwise (exact hits).
    let keys: [ByteKey: Int]
    /// How many distinct documents are numbered (document numbers are below it).
    let documentCount: Int
    /// Each document's title, by document number.
    let titles: [String]

    /// The same rows, kinds and ids as `ResultResolver.identify(batch:)`, for every row.
    init(db: Database) throws {
        let rows = try Int.fetchOne(db, sql: "SELECT count(*) FROM entry WHERE kind IN ('policy', 'article', 'section')") ?? 0
        var all: [Passage] = []
        var rowids: [Int64] = []
        var keys: [ByteKey: Int] = [:]
        var documents: [ByteKey: Int] = [:]
        all.reserveCapacity(rows)
        rowids.reserveCapacity(rows)
        keys.reserveCapacity(rows)
        var titles: [String] = []
        // The title of the row's document, as `ResultResolver.resolve(batch:)` reads it.
        let cursor = try Row.fetchCursor(
            db,
            sql: """
                SELECT e.id, e.kind, e.ref, u.document_id, u.anchor, u.label, d.title
                FROM entry e
                LEFT JOIN unit u ON e.kind IN ('article', 'section') AND u.id = e.ref
                LEFT JOIN document d ON d.id = CASE WHEN e.kind = 'policy' THEN e.ref ELSE u.document_id END
                WHERE e.kind IN ('policy', 'article', 'section')
                """)
        while let r = try cursor.next() {
            guard let title = r[6] as String? else { continue }
            let rowid: Int64 = r[0]
            let kind: String
            let id: String
            let ref: RecordRef
            let label: String?
            switch r[1] as String {
            case "policy":
                let value: String = r[2]
                (kind, id, ref, label) = ("policy", value, .policy(id: value), nil)
            default:
                guard let documentId = r[3] as String?, let anchor = r[4] as String? else { continue }
                (kind, id, ref, label) = ("article", "\(documentId)#\(anchor)", .policy(id: documentId, anchor: anchor), r[5])
            }
            let key = ByteKey("\(kind):\(id)")
            let number = keys[key] ?? keys.count
            keys[key] = number
            let documentKey = ByteKey(SearchEngine.documentKey(kind: kind, id: id))
            let document = documents[documentKey] ?? documents.count
            if document == documents.count { titles.append(title) }
            documents[documentKey] = document
            all.append(Passage(kind: kind, id: id, ref: ref, key: number, document: document, label: label))
            rowids.append(rowid)
        }
        self.all = all
        keyOf = all.map(\.key)
        documentOf = all.map(\.document)
        (numbers, sparseNumbers) = DocumentPassages.numbering(rowids)
        self.keys = keys
        self.titles = titles
        documentCount = documents.count
    }

    /// The number in `all` of the row's passage; nil for a row that is no passage.
    func number(ofRow rowid: Int64) -> Int? {
        if numbers.isEmpty { return sparseNumbers[rowid] }
        guard rowid >= 0, rowid < numbers.count else { return nil }
        let n = numbers[Int(rowid)]
        return n < 0 ? nil : Int(n)
    }

    /// `rowids[n]` is the row of passage n (a row appears once: rowids are unique). An array
    /// by rowid when they are dense enough, as `RowLengths` decides, else a dictionary.
    private static func numbering(_ rowids: [Int64]) -> (array: [Int32], dictionary: [Int64: Int]) {
        let last = rowids.max() ?? -1
        let dense =
            !rowids.isEmpty && rowids.allSatisfy { $0 >= 0 } && RowLengths.areDense(count: Int64(rowids.count), last: last)
            && rowids.count < Int(Int32.max)
        guard dense else { return ([], Dictionary(rowids.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { _, last in last })) }
        var array = [Int32](repeating: -1, count: Int(last) + 1)
        for (n, rowid) in rowids.enumerated() { array[Int(rowid)] = Int32(n) }
        return (array, [:])
    }

    /// Passage `n` as a result without title and label (filled in for the returned page).
    func result(_ n: Int, score: Double) -> SearchResult {
        // Through the buffer each field is read in place, not by a copy of the passage per
        // field (see `keyOf`); `n` comes from `number(ofRow:)`, so it is in bounds.
        all.withUnsafeBufferPointer { passages in
            SearchResult(kind: passages[n].kind, id: passages[n].id, title: "", label: nil, snippet: MarkedText(""), ref: passages[n].ref, score: score)
        }
    }
}
