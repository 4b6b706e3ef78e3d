/// `/desk`: the signed-in person's open consultations, the overdue ones, and a search.
struct DeskHomePage: PageModel {
    static let template = "desk-home"

    struct Row: Encodable {
        let id: Int64
        let channel: String
        let received: String
        /// The first 80 characters.
        let question: String
        let status: String
        let assignee: String?
        let overdue: Bool
        let tags: String?
    }

    let mine: [Row]
    let overdue: [Row]
    let overdueDays: Int
    /// What was searched for (kept in the box).
    let text: String
    var results: [Row] = []
    var searched = false
}
