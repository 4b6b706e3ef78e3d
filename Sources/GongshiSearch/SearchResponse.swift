import GongshiStore

/// The ranked results of a search; the web layer writes the contract shared by
/// `gongshi search --json` and the JSON API (`SearchResponseBody` in GongshiWeb).
public struct SearchResponse: Sendable, Equatable {
    public var query: String
    public var total: Int
    public var results: [SearchResult]
    /// Words left out because no record had every word (the least informative first);
    /// empty when every result has every word.
    public var relaxed: [String] = []
    /// An organization name or document title close to what was typed (one or two
    /// characters wrong or missing), when the query found little; nil otherwise.
    public var suggestion: String? = nil
    /// The words the query was read as (not part of the JSON contract): pages name them
    /// when some were left out.
    public var words: [String] = []

    public init(query: String, total: Int, results: [SearchResult], relaxed: [String] = [], suggestion: String? = nil) {
        self.query = query
        self.total = total
        self.results = results
        self.relaxed = relaxed
        self.suggestion = suggestion
    }

    /// Roughly what the response occupies in memory, for bounding caches.
    var estimatedBytes: Int {
        results.reduce(query.utf8.count + 64 + relaxed.reduce(0) { $0 + $1.utf8.count + 8 } + (suggestion?.utf8.count ?? 0)) { sum, r in
            sum + 200 + 2 * r.id.utf8.count + r.title.utf8.count + (r.label?.utf8.count ?? 0) + r.snippet.text.utf8.count
                + 16 * r.snippet.marks.count
        }
    }
}

public struct SearchResult: Sendable, Equatable {
    /// policy, article, org, credit or notice (numbered sections of policy documents
    /// are reported as `article` units too, with a section label such as 三、(一)).
    public var kind: String
    public var id: String
    /// The document's or organization's title.
    public var title: String
    /// 第十条 or 三、(一) for units, null otherwise.
    public var label: String?
    /// The matched passage with the matched words marked.
    public var snippet: MarkedText
    /// The page the result is shown on.
    public var ref: RecordRef
    public var score: Double

    public init(kind: String, id: String, title: String, label: String?, snippet: MarkedText, ref: RecordRef, score: Double) {
        self.kind = kind
        self.id = id
        self.title = title
        self.label = label
        self.snippet = snippet
        self.ref = ref
        self.score = score
    }
}
