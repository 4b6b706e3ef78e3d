/// `/consult/{receipt}`: a citizen's question, its status and, once published, the reply.
struct ConsultReceiptPage: PageModel {
    static let template = "consult-receipt"

    struct CitedArticle: Encodable {
        let full: String
    }

    let receipt: String
    let question: String
    let status: String
    /// Just submitted: the page says to note the number.
    let isNew: Bool
    let reply: String?
    let hasReply: Bool
    let citations: [CitedArticle]
}
