import GongshiSearch
import GongshiStore

/// /api/policies: a page of the catalogue, each document with its address.
struct PolicyListBody: Encodable, Sendable {
    let total: Int
    let page: Int
    let pageSize: Int
    let items: [Linked<PolicySummary>]
    let facets: [Facet]

    init(_ list: PolicyList) {
        total = list.total
        page = list.page
        pageSize = list.pageSize
        items = list.items.map(PolicyListBody.linked)
        facets = list.facets
    }

    static func linked(_ summary: PolicySummary) -> Linked<PolicySummary> {
        Linked(summary, url: URLBuilder.path(.policy(id: summary.id)))
    }

    enum CodingKeys: String, CodingKey { case total, page, pageSize = "page_size", items, facets }
}
