/// The error page of every status (`ErrorResponder`).
struct ErrorPage: PageModel {
    static let template = "error"

    let heading: String
    let message: String
}
