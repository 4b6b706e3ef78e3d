import GongshiAnswers
import GongshiStore

/// The Q&A contract (`gongshi ask --json`, `GET /api/ask`):
/// `{"question", "confidence", "answers": [...], "faq": [...]}` plus `notice` and
/// `service_center` (null unless confidence is low). Each answer's `highlight` is its text
/// HTML-escaped with the matched words in `<mark>`, its `url` the passage's address.
public struct AnswerResponseBody: Encodable, Sendable {
    public struct AnswerBody: Encodable, Sendable {
        public struct Related: Encodable, Sendable {
            public var label: String
            public var url: String
        }

        public var document: Answer.Document
        public var article: Answer.Article?
        public var section: Answer.Section?
        public var text: String
        public var highlight: String
        public var url: String
        public var score: Double
        public var citation: String
        public var current: Bool
        public var related: [Related]
        /// The question terms the answer contains and the learned bridges it used.
        public var matched: [Answer.Match]

        init(_ answer: Answer) {
            document = answer.document
            article = answer.article
            section = answer.section
            text = answer.text
            highlight = HTMLText.marked(answer.highlight)
            url = URLBuilder.path(answer.ref)
            score = answer.score
            citation = answer.citation
            current = answer.current
            related = answer.related.map { Related(label: $0.label, url: URLBuilder.path($0.ref)) }
            matched = answer.matched
        }

        enum CodingKeys: String, CodingKey {
            case document, article, section, text, highlight, url, score, citation, current, related, matched
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(document, forKey: .document)
            try c.encode(article, forKey: .article)  // explicit nulls: one shape for every answer
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

    public struct FAQBody: Encodable, Sendable {
        public struct Citation: Encodable, Sendable {
            public var document: String
            public var label: String?
            /// Nil when the cited document is not in the index.
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
        public var score: Double

        init(_ faq: FAQAnswer) {
            question = faq.question
            answer = faq.answer
            articles = faq.articles.map { Citation(document: $0.document, label: $0.label, url: $0.ref.map(URLBuilder.path)) }
            score = faq.score
        }
    }

    public var question: String
    public var confidence: AnswerConfidence
    public var answers: [AnswerBody]
    public var faq: [FAQBody]
    public var notice: String?
    public var serviceCenter: ServiceCenter?

    public init(_ response: AnswerResponse) {
        question = response.question
        confidence = response.confidence
        answers = response.answers.map(AnswerBody.init)
        faq = response.faq.map(FAQBody.init)
        notice = response.notice
        serviceCenter = response.serviceCenter
    }

    enum CodingKeys: String, CodingKey {
        case question, confidence, answers, faq, notice
        case serviceCenter = "service_center"
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
