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
        /// An organization's registration and credit status, shown beside the kind.
        let status: String?
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
    /// A name or title close to what was typed (did you mean).
    var suggestion: String?
    var suggestionURL: String?
    /// Which words were left out when no record had them all.
    var relaxedNotice: String?
    var pinyinHint: String?
    var pinyinURL: String?
    var pagination = PageLinks()

    enum CodingKeys: String, CodingKey {
        case hasQuery, qURL, looksLikeQuestion, results, totalText, page, noResults, facets, hasFacets, activeFilters, clearURL,
            suggestion, suggestionURL, relaxedNotice, pinyinHint, pinyinURL
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
        try c.encodeIfPresent(suggestion, forKey: .suggestion)
        try c.encodeIfPresent(suggestionURL, forKey: .suggestionURL)
        try c.encodeIfPresent(relaxedNotice, forKey: .relaxedNotice)
        try c.encodeIfPresent(pinyinHint, forKey: .pinyinHint)
        try c.encodeIfPresent(pinyinURL, forKey: .pinyinURL)
        try pagination.encode(to: encoder)
    }
}
