/// A desk page for a signed-in member of staff: the page's own model plus what the desk's
/// navigation reads (the account, its role, and the CSRF token every form posts back).
struct StaffPage<Body: PageModel>: PageModel {
    static var template: String { Body.template }

    struct Staff: Encodable {
        let account: String
        let roleLabel: String
        let isAdmin: Bool
        let csrf: String
    }

    let body: Body
    let staff: Staff

    func encode(to encoder: any Encoder) throws { try Merged(body, staff).encode(to: encoder) }
}
