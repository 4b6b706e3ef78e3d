/// `/search`: the ranked results with their snippets, the facet sidebar and hints.
struct SearchPage: PageModel {
    static let template = "search"

    struct Result: Encodable {
        let title: String
        let label: String
        let url: String
        /// HTML: escaped, matches in <mark>.
        let snippet: String
        let kindLabel: String
        let exact: Bool
    }

    var hasQuery = false
    var qURL = ""
    var looksLikeQuestion = false
    var results: [Result] = []
    var totalText = ""
    var page: Int?
    var noResults = false
    var facets: [FacetLinks] = []
    var hasFacets = false
    var activeFilters = false
    var clearURL = ""
    var pinyinHint: String?
    var pinyinURL: String?
    var pagination = PageLinks()

    enum CodingKeys: String, CodingKey {
        case hasQuery, qURL, looksLikeQuestion, results, totalText, page, noResults, facets, hasFacets, activeFilters, clearURL,
             pinyinHint, pinyinURL
    }
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(hasQuery, forKey: .hasQuery)
        try c.encode(qURL, forKey: .qURL)
        try c.encode(looksLikeQuestion, forKey: .looksLikeQuestion)
        try c.encode(results, forKey: .results)
        try c.encode(totalText, forKey: .totalText)
        try c.encodeIfPresent(page, forKey: .page)
        try c.encode(noResults, forKey: .noResults)
        try c.encode(facets, forKey: .facets)
        try c.encode(hasFacets, forKey: .hasFacets)
        try c.encode(activeFilters, forKey: .activeFilters)
        try c.encode(clearURL, forKey: .clearURL)
        try c.encodeIfPresent(pinyinHint, forKey: .pinyinHint)
        try c.encodeIfPresent(pinyinURL, forKey: .pinyinURL)
        try pagination.encode(to: encoder)
    }
}
