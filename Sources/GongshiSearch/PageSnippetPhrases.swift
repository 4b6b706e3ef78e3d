import GongshiStore

/// The expressions' phrases prepared for the snippets of one search page
/// (`SearchEngine.snippetPhrases`): each expression's once, however many of the page's rows
/// it matched (they are tokenized, and their working memory is reused).
struct PageSnippetPhrases {
    /// By the expression's number in the search; nil: FTS5 marks its rows.
    private var prepared: [Int: SnippetPhrases?] = [:]

    mutating func phrases(of expression: MatchExpression, numbered number: Int, engine: SearchEngine) throws -> SnippetPhrases? {
        if let phrases = prepared[number] { return phrases }
        let phrases = try engine.snippetPhrases(expression)
        prepared[number] = .some(phrases)
        return phrases
    }
}
