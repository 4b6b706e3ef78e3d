/// A question as a person asked it and the articles that answer it
/// (`<corpus>/qa-pairs/*.jsonl`, the `dev-qa.jsonl` shape): what the Q&A learns from, and
/// what the consultation desk writes for it. Encodes as one line of that file:
/// `{"id": "F12", "q": "…", "relevant": [{"title": "社会团体登记管理条例", "article": 10}]}`.
public struct QAPair: Sendable, Equatable, Codable {
    public struct Article: Sendable, Equatable, Codable {
        public var title: String
        public var article: Int

        public init(title: String, article: Int) {
            self.title = title
            self.article = article
        }
    }

    public var id: String
    public var question: String
    public var relevant: [Article]

    enum CodingKeys: String, CodingKey {
        case id, relevant
        case question = "q"
    }

    public init(id: String, question: String, relevant: [Article]) {
        self.id = id
        self.question = question
        self.relevant = relevant
    }
}
