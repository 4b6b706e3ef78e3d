import GongshiSearch
import GongshiStore

/// The search contract shared by `gongshi search --json` and `/api/search`:
/// `{"query", "total", "results": [{"kind", "id", "title", "label", "snippet", "url", "score"}], "relaxed", "suggestion"}`,
/// where `snippet` is HTML-safe text with the matched words in `<mark>` and `url` the page.
public struct SearchResponseBody: Encodable, Sendable {
    public struct Result: Encodable, Sendable, Equatable {
        public var kind: String
        public var id: String
        public var title: String
        public var label: String?
        public var snippet: String
        public var url: String
        public var score: Double

        public init(_ result: SearchResult) {
            kind = result.kind
            id = result.id
            title = result.title
            label = result.label
            snippet = HTMLText.marked(result.snippet)
            url = URLBuilder.path(result.ref)
            score = result.score
        }

        enum CodingKeys: String, CodingKey { case kind, id, title, label, snippet, url, score }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(kind, forKey: .kind)
            try c.encode(id, forKey: .id)
            try c.encode(title, forKey: .title)
            try c.encode(label, forKey: .label)  // explicit null, as the contract says
            try c.encode(snippet, forKey: .snippet)
            try c.encode(url, forKey: .url)
            try c.encode(score, forKey: .score)
        }
    }

    public var query: String
    public var total: Int
    public var results: [Result]
    /// Words left out because no record had every word; empty when none was.
    public var relaxed: [String]
    /// A close name or title for a query that found little (did you mean); null otherwise.
    public var suggestion: String?

    public init(_ response: SearchResponse) {
        query = response.query
        total = response.total
        results = response.results.map(Result.init)
        relaxed = response.relaxed
        suggestion = response.suggestion
    }

    enum CodingKeys: String, CodingKey { case query, total, results, relaxed, suggestion }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(query, forKey: .query)
        try c.encode(total, forKey: .total)
        try c.encode(results, forKey: .results)
        try c.encode(relaxed, forKey: .relaxed)
        try c.encode(suggestion, forKey: .suggestion)  // explicit null
    }

    /// The contract written straight to bytes: the same text Foundation's JSONEncoder
    /// gives with `.sortedKeys` and `.withoutEscapingSlashes`, at a fraction of the cost
    /// (JSONEncoder was a third of a cached API search's CPU time).
    public func jsonBytes() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(results.reduce(query.utf8.count + 256) { $0 + 160 + $1.title.utf8.count + $1.snippet.utf8.count + 2 * $1.url.utf8.count })
        out += #"{"query":"#.utf8
        JSONBytes.string(query, to: &out)
        out += #","relaxed":["#.utf8
        for (i, word) in relaxed.enumerated() {
            if i > 0 { out.append(0x2C) }
            JSONBytes.string(word, to: &out)
        }
        out += #"],"results":["#.utf8
        for (i, r) in results.enumerated() {
            if i > 0 { out.append(0x2C) }
            out += #"{"id":"#.utf8
            JSONBytes.string(r.id, to: &out)
            out += #","kind":"#.utf8
            JSONBytes.string(r.kind, to: &out)
            out += #","label":"#.utf8
            if let label = r.label { JSONBytes.string(label, to: &out) } else { out += "null".utf8 }
            out += #","score":"#.utf8
            JSONBytes.number(r.score, to: &out)
            out += #","snippet":"#.utf8
            JSONBytes.string(r.snippet, to: &out)
            out += #","title":"#.utf8
            JSONBytes.string(r.title, to: &out)
            out += #","url":"#.utf8
            JSONBytes.string(r.url, to: &out)
            out.append(0x7D)
        }
        out += #"],"suggestion":"#.utf8
        if let suggestion { JSONBytes.string(suggestion, to: &out) } else { out += "null".utf8 }
        out += #","total":"#.utf8
        out += String(total).utf8
        out.append(0x7D)
        return out
    }
}

/// JSON scalars as JSONEncoder writes them.
enum JSONBytes {
    /// Runs of bytes without an escape are copied whole from the string's contiguous UTF-8
    /// (scanning through `String.UTF8View` byte by byte was a tenth of a cached search's CPU).
    static func string(_ s: String, to out: inout [UInt8]) {
        var s = s  // withUTF8 may make a string contiguous: needs var
        out.append(0x22)
        s.withUTF8 { bytes in
            var start = 0
            for i in bytes.indices {
                let b = bytes[i]
                guard b < 0x20 || b == 0x22 || b == 0x5C else { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
                start = i + 1
                switch b {
                case 0x22: out += #"\""#.utf8
                case 0x5C: out += #"\\"#.utf8
                case 0x08: out += #"\b"#.utf8
                case 0x0C: out += #"\f"#.utf8
                case 0x0A: out += #"\n"#.utf8
                case 0x0D: out += #"\r"#.utf8
                case 0x09: out += #"\t"#.utf8
                default:
                    let hex: StaticString = "0123456789abcdef"
                    out += #"\u00"#.utf8
                    out.append(hex.utf8Start[Int(b >> 4)])
                    out.append(hex.utf8Start[Int(b & 0xF)])
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
        out.append(0x22)
    }

    /// Integral values without a fraction (1000, not 1000.0), others in Swift's shortest
    /// round-tripping form; non-finite values (never produced by ranking) as 0.
    static func number(_ d: Double, to out: inout [UInt8]) {
        guard d.isFinite else {
            out.append(0x30)
            return
        }
        if d == d.rounded(), abs(d) < 1e15 {
            out += String(Int64(d)).utf8
        } else {
            out += String(d).utf8
        }
    }
}
