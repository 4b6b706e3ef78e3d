import GongshiDisclosure

/// /api/orgs: a page of organizations with the facet counts of the filtered set.
struct OrganizationListBody: Encodable, Sendable {
    let filter: OrganizationFilter
    let total: Int
    let page: Int
    let pageSize: Int
    let items: [Linked<OrganizationSummary>]
    let facets: OrganizationSearchResult.Facets

    init(_ result: OrganizationSearchResult) {
        filter = result.filter
        total = result.total
        page = result.page
        pageSize = result.pageSize
        items = result.items.map { Linked($0, url: URLBuilder.path(.organization(code: $0.code))) }
        facets = result.facets
    }

    enum CodingKeys: String, CodingKey {
        case filter, total, page, items, facets
        case pageSize = "page_size"
    }
}
