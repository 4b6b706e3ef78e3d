import GongshiStore

/// Decodes corpus files as Excel and editors in China write them: UTF-8 with or without a
/// byte-order mark, or GB18030 — decided per file on evidence, line by line.
///
/// One bad byte must not turn a UTF-8 file into GB18030 mojibake (every row rejected with a
/// misleading message): a file whose valid lines show UTF-8 (non-ASCII text that decodes)
/// at least as often as lines fail is UTF-8, and only its failing lines are bad. GB18030 is
/// chosen only when the bytes decode as GB18030 and lines of UTF-8 text are the minority.
public enum CorpusText {
    public enum Encoding: String, Sendable { case utf8 = "UTF-8", gb18030 = "GB18030" }

    public struct Decoded: Sendable {
        public var text: String
        public var encoding: Encoding
        /// Lines (1-based) that were not valid UTF-8 or held a NUL byte. Depending on
        /// `decode`'s `badLines`, they are blank in `text` or have U+FFFD for the bad bytes.
        public var badLines: [Int]
    }

    public enum BadLines: Sendable {
        /// The line is emptied (records: the row is then reported and skipped).
        case blank
        /// The bad bytes become U+FFFD (documents: the structure stays, the spot is visible).
        case replace
    }

    /// Nil when the bytes are neither UTF-8 nor GB18030 text (a binary file).
    public static func decode(_ bytes: [UInt8], badLines handling: BadLines = .blank) -> Decoded? {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if !body.contains(0), let text = String(validating: body, as: UTF8.self) { return Decoded(text: text, encoding: .utf8, badLines: []) }
        // Evidence, line by line.
        var lines: [ArraySlice<UInt8>] = []
        var start = body.startIndex
        for i in body.indices where body[i] == 0x0A {
            lines.append(body[start...i])
            start = i + 1
        }
        if start < body.endIndex { lines.append(body[start...]) }
        var bad: [Int] = []
        var utf8Text = 0
        for (n, line) in lines.enumerated() {
            if line.contains(0) || String(validating: line, as: UTF8.self) == nil {
                bad.append(n + 1)
            } else if line.contains(where: { $0 >= 0x80 }) {
                utf8Text += 1
            }
        }
        let hasNUL = body.contains(0)
        if utf8Text == 0 || utf8Text < bad.count {
            // GB18030 is a superset of GBK and GB2312, so one decoder covers all three.
            if !hasNUL, let text = ChineseTokenizer.decodeGB18030(Array(body)) { return Decoded(text: text, encoding: .gb18030, badLines: []) }
            if utf8Text == 0 { return nil }
        }
        var text = ""
        text.reserveCapacity(body.count)
        let badSet = Set(bad)
        for (n, line) in lines.enumerated() {
            if badSet.contains(n + 1) {
                switch handling {
                case .blank: if line.last == 0x0A { text += "\n" }
                case .replace: text += String(decoding: line.map { $0 == 0 ? 0x1A : $0 }, as: UTF8.self).replacingNUL()
                }
            } else {
                text += String(decoding: line, as: UTF8.self)
            }
        }
        return Decoded(text: text, encoding: .utf8, badLines: bad)
    }
}

extension String {
    /// U+001A (SUB, which NUL bytes became) as U+FFFD, like the other bad bytes.
    fileprivate func replacingNUL() -> String {
        String(String.UnicodeScalarView(unicodeScalars.map { $0 == "\u{1A}" ? "\u{FFFD}" : $0 }))
    }
}
