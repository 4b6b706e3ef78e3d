import CChineseTokenizer

/// An expression's phrases prepared for `ChineseTokenizer.snippet(statement:columnCount:column:phrases:tokens:)`:
/// tokenized once for every row of a search page instead of once per row, with the
/// snippets' working memory, which each row reuses. Like a tokenizer, it is not
/// thread-safe: one search uses it.
public final class SnippetPhrases {
    let handle: OpaquePointer

    init(handle: OpaquePointer) {
        self.handle = handle
    }

    deinit { gongshi_snippet_phrases_delete(handle) }
}
