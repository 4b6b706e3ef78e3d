import GongshiStore

/// A match in the ranked list, resolved into a `SearchResult` only if it reaches the page.
/// A common word ranks hundreds of passages of a few documents before a page has ten
/// documents; building, copying and releasing a result (its strings) for each of them was a
/// tenth of such a search.
struct RankedMatch {
    let table: SearchTable
    var score: Double
    /// The document's number for a documents-index match (passages of one document share
    /// it), -1 for a record.
    let document: Int
    /// The passage's number in `DocumentPassages`, when the passages of this index
    /// generation are kept; -1 otherwise (then `result` is set).
    let passage: Int
    /// The row it was ranked from and which of the search's expressions matched it (the
    /// snippet is made from them); no row for an exact hit, which brings its own snippet.
    let rowid: Int64
    let expression: Int
    /// Found through the pinyin column: its snippet comes from its text.
    var fromPinyin = false
    /// The result, when ranking resolved it (records, exact hits, documents without kept
    /// passages); boxed, so that the ranked list is moved and copied as small values.
    private let box: Box?
    var result: SearchResult? { box?.result }

    final class Box: Sendable {
        let result: SearchResult
        init(_ result: SearchResult) { self.result = result }
    }

    init(table: SearchTable, result: SearchResult, document: Int, rowid: Int64 = 0, expression: Int = -1) {
        self.table = table
        score = result.score
        self.document = document
        passage = -1
        self.rowid = rowid
        self.expression = expression
        box = Box(result)
    }

    init(table: SearchTable, passage: Int, score: Double, document: Int, rowid: Int64, expression: Int) {
        self.table = table
        self.score = score
        self.document = document
        self.passage = passage
        self.rowid = rowid
        self.expression = expression
        box = nil
    }

    /// Where the snippet comes from; nil for an exact hit.
    var source: (table: SearchTable, rowid: Int64, expression: Int)? { expression >= 0 ? (table, rowid, expression) : nil }

    /// The result shown on the page (its title and label are filled in there).
    func resolved(_ passages: DocumentPassages?) -> SearchResult? {
        if var result {
            result.score = score
            return result
        }
        return passages.map { $0.result(passage, score: score) }
    }

    /// "kind:id" of a resolved match (records, exact hits): what `organizationOf` is keyed by.
    var resolvedKey: String? { result.map { "\($0.kind):\($0.id)" } }
}
