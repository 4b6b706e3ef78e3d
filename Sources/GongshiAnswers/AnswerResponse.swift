import GongshiStore

/// What the Q&A answers: the articles, the close FAQ entries, and for low confidence a
/// notice and the service center. The web layer writes the contract (`gongshi ask --json`,
/// `GET /api/ask`) from it (`AnswerResponseBody` in GongshiWeb).
public struct AnswerResponse: Sendable {
    public var question: String
    public var confidence: AnswerConfidence
    public var answers: [Answer]
    public var faq: [FAQAnswer]
    /// Plain message for low confidence: no clear answer, ask the service center.
    public var notice: String?
    public var serviceCenter: ServiceCenter?

    public init(question: String, confidence: AnswerConfidence, answers: [Answer], faq: [FAQAnswer], notice: String?, serviceCenter: ServiceCenter?) {
        self.question = question
        self.confidence = confidence
        self.answers = answers
        self.faq = faq
        self.notice = notice
        self.serviceCenter = serviceCenter
    }
}

/// One answering article or section, quoted exactly, with its document and citation.
public struct Answer: Sendable {
    public struct Document: Codable, Sendable {
        public var id: String
        public var title: String
        public var docNumber: String?
        public var issuer: String?
        public var level: String?
        /// 现行有效, 已修改, 已废止, 尚未生效.
        public var status: String?

        enum CodingKeys: String, CodingKey {
            case id, title, issuer, level, status
            case docNumber = "doc_number"
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(title, forKey: .title)
            try c.encode(docNumber, forKey: .docNumber)
            try c.encode(issuer, forKey: .issuer)
            try c.encode(level, forKey: .level)
            try c.encode(status, forKey: .status)
        }
    }

    public struct Article: Codable, Sendable {
        public var number: Int
        public var label: String
        public var chapter: String?

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(number, forKey: .number)
            try c.encode(label, forKey: .label)
            try c.encode(chapter, forKey: .chapter)
        }
        enum CodingKeys: String, CodingKey { case number, label, chapter }
    }

    public struct Section: Codable, Sendable {
        public var label: String
    }

    /// Another passage of the same document that also matched.
    public struct Related: Sendable {
        public var label: String
        public var ref: RecordRef
    }

    public var document: Document
    public var article: Article?
    public var section: Section?
    /// The unit's text exactly as in the document.
    public var text: String
    /// `text` with the matched words marked.
    public var highlight: MarkedText
    /// The unit in its document (`/policies/{id}#a10` on the site).
    public var ref: RecordRef
    public var score: Double
    /// 依据《社会团体登记管理条例》第十条：“……”
    public var citation: String
    /// False when the document is 已废止 or 尚未生效: never present it as current law.
    public var current: Bool
    public var related: [Related]
    /// Why this answer: the question terms it contains and the learned bridges it used
    /// (`{"question": "注销", "article": "清算", "weight": 0.31}`; weight 1 for the word itself).
    public var matched: [Match] = []

    /// A question term and the article term that stood for it.
    public struct Match: Codable, Sendable, Equatable {
        public var question: String
        public var article: String
        public var weight: Double

        public init(question: String, article: String, weight: Double) {
            self.question = question
            self.article = article
            self.weight = weight
        }

        /// A bridge from a question word to another word of the article (not the word itself).
        public var isBridge: Bool { question != article }
    }
}

/// A curated FAQ entry that matches the question closely.
public struct FAQAnswer: Sendable {
    public struct Citation: Sendable {
        public var document: String
        public var label: String?
        /// Nil when the cited document is not in the index.
        public var ref: RecordRef?
    }

    public var question: String
    public var answer: String
    public var articles: [Citation]
    /// Similarity to the asked question (0–1).
    public var score: Double
}
