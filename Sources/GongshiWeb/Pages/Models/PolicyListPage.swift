/// `/policies`: the catalogue with its facets.
struct PolicyListPage: PageModel {
    static let template = "policies"

    struct Item: Encodable {
        let title: String
        let url: String
        let docNumber: String
        let issuer: String
        let promulgated: String
        let status: String
        let statusClass: String
    }

    let total: Int
    let page: Int?
    let activeFilters: Bool
    let items: [Item]
    let facets: [FacetLinks]
    let pagination: PageLinks

    enum CodingKeys: String, CodingKey { case total, page, activeFilters, items, facets }
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(total, forKey: .total)
        try c.encodeIfPresent(page, forKey: .page)
        try c.encode(activeFilters, forKey: .activeFilters)
        try c.encode(items, forKey: .items)
        try c.encode(facets, forKey: .facets)
        try pagination.encode(to: encoder)
    }
}
