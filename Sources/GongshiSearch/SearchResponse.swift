/// The search result contract shared by `gongshi search --json` and the JSON API:
/// `{"query", "total", "results": [{"kind", "id", "title", "label", "snippet", "url", "score"}]}`.
public struct SearchResponse: Codable, Sendable {
    public var query: String
    public var total: Int
    public var results: [SearchResult]

    /// Roughly what the response occupies in memory, for bounding caches.
    var estimatedBytes: Int {
        results.reduce(query.utf8.count + 64) { sum, r in
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
