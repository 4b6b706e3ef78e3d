import GongshiDisclosure

/// `/notices/{id}`: the JSON twin's notice (`NoticeDetailBody`) in paragraphs, with the
/// links to notices of its kind and to its JSON.
struct NoticePage: PageModel {
    static let template = "notice"

    struct Extra: Encodable {
        let paragraphs: [String]
        let hasOrganizations: Bool
        /// The kind and the id percent-encoded for links.
        let kindURL: String
        let idURL: String
    }

    let notice: NoticeDetailBody
    let extra: Extra

    func encode(to encoder: any Encoder) throws { try Merged(notice, extra).encode(to: encoder) }
}
