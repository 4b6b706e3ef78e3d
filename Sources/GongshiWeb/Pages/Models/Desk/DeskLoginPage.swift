/// `/desk/login`: the staff login form.
struct DeskLoginPage: PageModel {
    static let template = "desk-login"

    /// The form's CSRF token (also set as a cookie).
    let formToken: String
    let problem: String?
    /// Where to go after signing in (a local path).
    let next: String
}
