/// `/desk/new`: the intake form, filled again with what was sent when it had a problem.
struct DeskNewPage: PageModel {
    static let template = "desk-new"

    struct Channel: Encodable {
        let value: String
        let checked: Bool
    }

    let problem: String?
    let channels: [Channel]
    let received: String
    let question: String
    let name: String
    let contact: String
    let org: String
    let orgName: String
    let tags: String
    let maxQuestion: Int
}
