/// `/faq`: the replies admins published, each with the articles it rests on.
struct FAQPage: PageModel {
    static let template = "faq"

    struct Entry: Encodable {
        struct Article: Encodable {
            let title: String
            let label: String
            let url: String
        }
        let id: Int64
        let question: String
        let answer: String
        let published: String
        let articles: [Article]
    }

    let entries: [Entry]
    let empty: Bool
}
