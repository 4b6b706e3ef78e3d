import GongshiStore

/// The Q&A contract (`gongshi ask --json`, `GET /api/ask`):
/// `{"question", "confidence", "answers": [...], "faq": [...]}` plus `notice` and
/// `service_center` (null unless confidence is low).
public struct AnswerResponse: Codable, Sendable {
    public var question: String
    public var confidence: AnswerConfidence
    public var answers: [Answer]
    public var faq: [FAQAnswer]
    /// Plain message for low confidence: no clear answer, ask the service center.
    public var notice: String?
    public var serviceCenter: ServiceCenter?

    enum CodingKeys: String, CodingKey {
        case question, confidence, answers, faq, notice
        case serviceCenter = "service_center"
    }

    public init(question: String, confidence: AnswerConfidence, answers: [Answer], faq: [FAQAnswer], notice: String?, serviceCenter: ServiceCenter?) {
        self.question = question
        self.confidence = confidence
        self.answers = answers
        self.faq = faq
        self.notice = notice
        self.serviceCenter = serviceCenter
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(question, forKey: .question)
        try c.encode(confidence, forKey: .confidence)
        try c.encode(answers, forKey: .answers)
        try c.encode(faq, forKey: .faq)
        try c.encode(notice, forKey: .notice)
        try c.encode(serviceCenter, forKey: .serviceCenter)
    }
}

/// One answering article or section, quoted exactly, with its document and citation.
public struct Answer: Codable, Sendable {
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
    public struct Related: Codable, Sendable {
        public var label: String
        public var url: String
    }

    public var document: Document
    public var article: Article?
    public var section: Section?
    /// The unit's text exactly as in the document.
    public var text: String
    /// `text` HTML-escaped with the matched words in `<mark>`.
    public var highlight: String
    /// `/policies/{id}#a10`.
    public var url: String
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

    enum CodingKeys: String, CodingKey {
        case document, article, section, text, highlight, url, score, citation, current, related, matched
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(document, forKey: .document)
        try c.encode(article, forKey: .article)
        try c.encode(section, forKey: .section)
        try c.encode(text, forKey: .text)
        try c.encode(highlight, forKey: .highlight)
        try c.encode(url, forKey: .url)
        try c.encode(score, forKey: .score)
        try c.encode(citation, forKey: .citation)
        try c.encode(current, forKey: .current)
        try c.encode(related, forKey: .related)
        try c.encode(matched, forKey: .matched)
    }
}

/// A curated FAQ entry that matches the question closely.
public struct FAQAnswer: Codable, Sendable {
    public struct Citation: Codable, Sendable {
        public var document: String
        public var label: String?
        /// Nil when the cited document or article is not in the index.
        public var url: String?

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(document, forKey: .document)
            try c.encode(label, forKey: .label)
            try c.encode(url, forKey: .url)
        }
        enum CodingKeys: String, CodingKey { case document, label, url }
    }

    public var question: String
    public var answer: String
    public var articles: [Citation]
    /// Similarity to the asked question (0–1).
    public var score: Double
}
