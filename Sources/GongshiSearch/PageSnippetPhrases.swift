import GongshiStore

/// The expressions' phrases prepared for the snippets of one search page
/// (`SearchEngine.snippetPhrases`): each expression's once, however many of the page's rows
/// it matched (they are tokenized, and their working memory is reused).
struct PageSnippetPhrases {
    /// By the expression's number in the search (a page has one or a few: a list, not a
    /// dictionary); nil phrases: FTS5 marks its rows.
    private var prepared: [(number: Int, phrases: SnippetPhrases?)] = []

    mutating func phrases(of expression: MatchExpression, numbered number: Int, engine: SearchEngine) throws -> SnippetPhrases? {
        if let known = prepared.first(where: { $0.number == number }) { return known.phrases }
        let phrases = try engine.snippetPhrases(expression)
        prepared.append((number, phrases))
        return phrases
    }
}
