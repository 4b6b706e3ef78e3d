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
    /// A text and where it leads (examples, topics, guides).
    struct Link: Encodable {
        let text: String
        let link: String
    }
    /// What an empty query shows instead of results: examples, common topics, the guides.
    struct Start: Encodable {
        let examples: [Link]
        let topics: [Link]
        let guides: [Link]
    }
    var start: Start?
    /// 办事指南 about the query, above the results.
    var guides: [Link] = []

    enum CodingKeys: String, CodingKey {
        case hasQuery, qURL, looksLikeQuestion, results, totalText, page, noResults, facets, hasFacets, activeFilters, clearURL,
            suggestion, suggestionURL, relaxedNotice, pinyinHint, pinyinURL, start, guides, hasGuides
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
        try c.encodeIfPresent(start, forKey: .start)
        try c.encode(guides, forKey: .guides)
        try c.encode(!guides.isEmpty, forKey: .hasGuides)
        try pagination.encode(to: encoder)
    }
}
