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
}
