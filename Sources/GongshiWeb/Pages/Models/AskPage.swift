/// `/ask`: the question's answers, each quoted, cited and linked; examples when empty.
struct AskPage: PageModel {
    static let template = "ask"

    struct Example: Encodable {
        let text: String
        /// The question percent-encoded for `/ask?q=`.
        let url: String
    }
    /// Only what is configured: an empty string would still open a `{{#phone}}` section.
    struct Center: Encodable {
        let name: String
        let phone: String?
        let address: String?
        let hours: String?
        let web: String?
    }
    struct FAQ: Encodable {
        struct Article: Encodable {
            let document: String
            let label: String
            let url: String
        }
        let question: String
        let answer: String
        let articles: [Article]
    }
    struct Answer: Encodable {
        struct Related: Encodable {
            let label: String
            let url: String
        }
        let index: Int
        let url: String
        let title: String
        let label: String
        let chapter: String
        let level: String
        let status: String
        let statusClass: String
        let current: Bool
        /// HTML: escaped, matches in <mark>.
        let highlight: String
        let citation: String
        let related: [Related]
        let hasRelated: Bool
        /// Why this answer: 社会团体、注销→清算（0.31）; nil when nothing is known.
        let matched: String?
    }

    let examples: [Example]
    var question: String?
    var confidence: String?
    var confidenceLabel: String?
    var notice: String?
    var center: Center?
    var faq: [FAQ] = []
    var answers: [Answer] = []
    /// 办事指南 whose topic the question names (成立, 变更, 注销, 年检).
    var guides: [SearchPage.Link] = []
    var hasGuides: Bool { !guides.isEmpty }

    enum CodingKeys: String, CodingKey {
        case examples, question, confidence, confidenceLabel, notice, center, faq, answers, guides, hasGuides
    }
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(examples, forKey: .examples)
        try c.encodeIfPresent(question, forKey: .question)
        try c.encodeIfPresent(confidence, forKey: .confidence)
        try c.encodeIfPresent(confidenceLabel, forKey: .confidenceLabel)
        try c.encodeIfPresent(notice, forKey: .notice)
        try c.encodeIfPresent(center, forKey: .center)
        try c.encode(faq, forKey: .faq)
        try c.encode(answers, forKey: .answers)
        try c.encode(guides, forKey: .guides)
        try c.encode(hasGuides, forKey: .hasGuides)
    }
}
