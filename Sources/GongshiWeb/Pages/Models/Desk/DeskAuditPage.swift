/// `/desk/audit` (admins): the latest entries of the append-only audit trail.
struct DeskAuditPage: PageModel {
    static let template = "desk-audit"

    struct Entry: Encodable {
        let at: String
        let actor: String
        let action: String
        let target: String
        let before: String
        let after: String
    }

    let entries: [Entry]
}
