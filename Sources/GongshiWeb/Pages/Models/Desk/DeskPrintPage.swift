/// `/desk/{id}/print`: the reply with its citations in full, to print or copy.
struct DeskPrintPage: PageModel {
    static let template = "desk-print"

    struct CitedArticle: Encodable {
        /// 依据《…》第十条：“……”
        let full: String
        /// The document's status when cited and the index generation.
        let version: String
    }

    let id: Int64
    let received: String
    let question: String
    let reply: String
    let citations: [CitedArticle]
    let copyText: String
    let printed: String
}
