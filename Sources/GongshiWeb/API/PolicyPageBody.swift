import GongshiSearch

/// /api/policies/{id}: the document, its chapters and its units.
struct PolicyPageBody: Encodable, Sendable {
    let document: Linked<PolicySummary>
    let preamble: String
    let chapters: [String]
    let units: [PolicyPage.Unit]

    init(_ page: PolicyPage) {
        document = PolicyListBody.linked(page.document)
        preamble = page.preamble
        chapters = page.chapters
        units = page.units
    }
}
