/// `/consult`: a citizen's question form (no account, no captcha).
struct ConsultPage: PageModel {
    static let template = "consult"

    let formToken: String
    let problem: String?
    let question: String
    let name: String
    let contact: String
    let maxQuestion: Int
}
