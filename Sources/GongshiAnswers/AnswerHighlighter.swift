import GongshiStore

/// An article's text with every occurrence of the matched words marked (case-insensitive
/// for Latin letters); touching marks are one.
enum AnswerHighlighter {
    static func highlight(_ text: String, terms: [String]) -> MarkedText {
        // On Unicode scalars, not Characters: exact for the text of regulations (no combining
        // marks) and far cheaper than Character comparison, which normalises every time.
        let scalars = Array(text.unicodeScalars)
        let lowered = scalars.map { $0.value &- 65 < 26 ? Unicode.Scalar($0.value + 32) ?? $0 : $0 }
        var marked = [Bool](repeating: false, count: scalars.count)
        for term in Set(terms) where !term.isEmpty {
            let t = Array(term.unicodeScalars)
            guard t.count <= lowered.count else { continue }
            var i = 0
            while i + t.count <= lowered.count {
                if lowered[i] == t[0] && lowered[i..<(i + t.count)].elementsEqual(t) {
                    for k in i..<(i + t.count) { marked[k] = true }
                    i += t.count
                } else {
                    i += 1
                }
            }
        }
        var marks: [Range<Int>] = []
        var offset = 0
        var start: Int?
        for (i, c) in scalars.enumerated() {
            if marked[i], start == nil { start = offset }
            if !marked[i], let s = start {
                marks.append(s..<offset)
                start = nil
            }
            offset += UTF8.width(c)
        }
        if let s = start { marks.append(s..<offset) }
        return MarkedText(text, marks: marks)
    }
}
