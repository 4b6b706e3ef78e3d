import GongshiDisclosure

/// /api/suggest: the names offered for a typed prefix, each with its address.
struct SuggestBody: Encodable, Sendable {
    let query: String
    let suggestions: [Linked<Suggestion>]

    init(query: String, suggestions: [Suggestion]) {
        self.query = query
        self.suggestions = suggestions.map { Linked($0, url: URLBuilder.path(.organization(code: $0.code))) }
    }
}
