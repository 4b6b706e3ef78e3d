import CChineseTokenizer
import Foundation

extension ChineseTokenizer {
    /// FTS5's `snippet(table, column, char(1), char(2), '…', tokens)` for the row `statement`
    /// (an `sqlite3_stmt*`) stands on, whose result columns are the table's first `columnCount`
    /// columns, computed from its text without a MATCH (see snippet.c). `phrases`: the
    /// expression's phrases in order (`MatchExpression.phraseTexts`), all restricted to those
    /// columns. Nil when FTS5 would read a phrase otherwise (a whole word, a prefix, an empty
    /// phrase) or on failure: the caller then asks FTS5.
    public func snippet(statement: OpaquePointer, columnCount: Int, column: Int, phrases: [String], tokens: Int) -> MarkedText? {
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
        var out: UnsafeMutablePointer<CChar>?
        let rc = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                gongshi_snippet(
                    handle, UnsafeMutableRawPointer(statement), Int32(columnCount), Int32(column), chars.baseAddress, lengths,
                    Int32(lengths.count), Int32(tokens), "\u{1}", "\u{2}", "…", &out)
            }
        }
        defer { free(out) }
        guard rc == 0 else { return nil }
        guard let out else { return MarkedText("") }
        return MarkedText(fts5Snippet: String(cString: out))
    }
}
