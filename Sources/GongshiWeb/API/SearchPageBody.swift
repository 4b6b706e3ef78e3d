import GongshiSearch

/// /api/search with facets=1: the search contract plus the facet counts of the page.
struct SearchPageBody: Encodable, Sendable {
    let response: SearchResponseBody
    let facets: SearchFacets

    enum CodingKeys: String, CodingKey { case query, total, results, facets }
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(response.query, forKey: .query)
        try c.encode(response.total, forKey: .total)
        try c.encode(response.results, forKey: .results)
        try c.encode(facets, forKey: .facets)
    }
}
