/// A question–article pair in the Q&A's pairs format (one JSON object per line):
/// `{"id": "F12", "q": "…", "relevant": [{"title": "社会团体登记管理条例", "article": 10}]}`.
public struct QAPair: Sendable, Codable, Equatable {
    public struct Relevant: Sendable, Codable, Equatable {
        public var title: String
        public var article: Int

        public init(title: String, article: Int) {
            self.title = title
            self.article = article
        }
    }

    public var id: String
    public var q: String
    public var relevant: [Relevant]

    public init(id: String, q: String, relevant: [Relevant]) {
        self.id = id
        self.q = q
        self.relevant = relevant
    }
}
