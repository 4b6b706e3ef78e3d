/// The search result contract shared by `gongshi search --json` and the JSON API:
/// `{"query", "total", "results": [{"kind", "id", "title", "label", "snippet", "url", "score"}]}`.
public struct SearchResponse: Codable, Sendable {
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

    enum CodingKeys: String, CodingKey { case query, total, results, relaxed, suggestion }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(query, forKey: .query)
        try c.encode(total, forKey: .total)
        try c.encode(results, forKey: .results)
        try c.encode(relaxed, forKey: .relaxed)
        try c.encode(suggestion, forKey: .suggestion)   // explicit null
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        query = try c.decode(String.self, forKey: .query)
        total = try c.decode(Int.self, forKey: .total)
        results = try c.decode([SearchResult].self, forKey: .results)
        relaxed = try c.decodeIfPresent([String].self, forKey: .relaxed) ?? []
        suggestion = try c.decodeIfPresent(String.self, forKey: .suggestion)
    }

    /// Roughly what the response occupies in memory, for bounding caches.
    var estimatedBytes: Int {
        results.reduce(query.utf8.count + 64 + relaxed.reduce(0) { $0 + $1.utf8.count + 8 } + (suggestion?.utf8.count ?? 0)) { sum, r in
            sum + 160 + r.id.utf8.count + r.title.utf8.count + (r.label?.utf8.count ?? 0) + r.snippet.utf8.count + r.url.utf8.count
        }
    }
}

public struct SearchResult: Codable, Sendable, Equatable {
    /// policy, article, org, credit or notice (numbered sections of policy documents
    /// are reported as `article` units too, with a section label such as 三、(一)).
    public var kind: String
    public var id: String
    /// The document's or organization's title.
    public var title: String
    /// 第十条 or 三、(一) for units, null otherwise.
    public var label: String?
    /// HTML-safe text with the matched words in <mark>.
    public var snippet: String
    public var url: String
    public var score: Double

    enum CodingKeys: String, CodingKey { case kind, id, title, label, snippet, url, score }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(id, forKey: .id)
        try c.encode(title, forKey: .title)
        try c.encode(label, forKey: .label)   // explicit null, as the contract says
        try c.encode(snippet, forKey: .snippet)
        try c.encode(url, forKey: .url)
        try c.encode(score, forKey: .score)
    }
}
