/// `/desk/{id}`: one consultation with its reply, its cited articles and the Q&A's
/// suggested articles.
struct DeskConsultationPage: PageModel {
    static let template = "desk-consultation"

    struct Option: Encodable {
        let value: String
        let selected: Bool
    }
    struct Assignee: Encodable {
        let name: String
        let selected: Bool
    }
    struct CitedArticle: Encodable {
        let document: String
        let label: String
        let title: String
        let text: String
        let generation: Int64
        let status: String
    }
    struct Suggestion: Encodable {
        let document: String
        let label: String
        let title: String
        let url: String
        /// HTML: escaped, matches in <mark>.
        let highlight: String
        let citation: String
        let current: Bool
        let added: Bool
    }

    let id: Int64
    let channel: String
    let received: String
    let question: String
    /// Personal data: staff pages only.
    let name: String?
    let contact: String?
    let org: String?
    let orgName: String?
    let tags: String?
    let tagsInput: String
    let status: String
    let statuses: [Option]
    let assignee: String?
    let receipt: String?
    let publishable: Bool
    let assignees: [Assignee]
    let reply: String
    let faq: Bool
    let overdue: Bool
    let citations: [CitedArticle]
    let suggestions: [Suggestion]
}
