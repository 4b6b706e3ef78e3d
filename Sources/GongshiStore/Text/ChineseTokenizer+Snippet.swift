import CChineseTokenizer
import Foundation

extension ChineseTokenizer {
    /// `phrases` (the expression's phrases in order, `MatchExpression.phraseTexts`) prepared
    /// for snippets; nil when FTS5 would read a phrase otherwise (a whole word, a prefix, an
    /// empty phrase) or on failure: the caller then asks FTS5.
    public func snippetPhrases(_ phrases: [String]) -> SnippetPhrases? {
        // A prefix phrase ends with " *" (compared as bytes: String's hasSuffix is canonical
        // and costly).
        guard !phrases.isEmpty, !phrases.contains(where: { $0.utf8.last == UInt8(ascii: "*") && $0.utf8.dropLast().last == UInt8(ascii: " ") }) else {
            return nil
        }
        var bytes: [UInt8] = []
        var lengths: [Int32] = []
        for phrase in phrases {
            bytes += phrase.utf8
            lengths.append(Int32(phrase.utf8.count))
        }
        var prepared: OpaquePointer?
        let rc = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                gongshi_snippet_phrases_create(handle, chars.baseAddress, lengths, Int32(lengths.count), &prepared)
            }
        }
        guard rc == 0, let prepared else { return nil }
        return SnippetPhrases(handle: prepared)
    }

    /// FTS5's `snippet(table, column, char(1), char(2), '…', tokens)` for the row `statement`
    /// (an `sqlite3_stmt*`) stands on, whose result columns are the table's first `columnCount`
    /// columns, computed from its text without a MATCH (see snippet.c). `phrases`: the
    /// expression's phrases (`snippetPhrases`), all restricted to those columns. Nil on
    /// failure: the caller then asks FTS5.
    public func snippet(statement: OpaquePointer, columnCount: Int, column: Int, phrases: SnippetPhrases, tokens: Int) -> MarkedText? {
        var out: UnsafePointer<CChar>?
        var length: Int32 = 0
        var valid: Int32 = 0
        let rc = gongshi_snippet_make(
            handle, phrases.handle, UnsafeMutableRawPointer(statement), Int32(columnCount), Int32(column), Int32(tokens), "\u{1}",
            "\u{2}", "…", &out, &length, &valid)
        guard rc == 0 else { return nil }
        guard let out else { return MarkedText("") }
        // The snippet stays in `phrases` until its next one: it is read here.
        return out.withMemoryRebound(to: UInt8.self, capacity: Int(length)) {
            MarkedText(fts5Snippet: UnsafeBufferPointer(start: $0, count: Int(length)), validUTF8: valid != 0)
        }
    }

    /// `snippet(statement:columnCount:column:phrases:tokens:)` with the phrases prepared for
    /// this row only.
    public func snippet(statement: OpaquePointer, columnCount: Int, column: Int, phrases: [String], tokens: Int) -> MarkedText? {
        guard let prepared = snippetPhrases(phrases) else { return nil }
        return snippet(statement: statement, columnCount: columnCount, column: column, phrases: prepared, tokens: tokens)
    }
}
