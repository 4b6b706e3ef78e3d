/// `/guides`: the guides grouped by type of organization, or those about the query.
struct GuideListPage: PageModel {
    static let template = "guides"

    struct Group: Encodable {
        let index: Int
        let type: String
        let guides: [GuideListBody.Item]
    }

    let q: String
    let qURL: String
    let hasQuery: Bool
    let count: Int
    let groups: [Group]
    let jsonURL: String
}

/// `/guides/{id}`: one guide as a checklist, each item with its legal basis.
struct GuidePage: PageModel {
    static let template = "guide"

    struct Part: Encodable {
        let index: Int
        let section: String
        let entries: [GuideBody.Entry]
    }

    let title: String
    let summary: String
    let parts: [Part]
    let printURL: String
    let jsonURL: String
}
