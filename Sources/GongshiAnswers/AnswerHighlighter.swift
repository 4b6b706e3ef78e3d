import GongshiStore

/// An article's text with every occurrence of the matched words marked (case-insensitive
/// for Latin letters); touching marks are one.
enum AnswerHighlighter {
    static func highlight(_ text: String, terms: [String]) -> MarkedText {
        let chars = Array(text)
        let lowered = chars.map { $0.isASCII ? Character($0.lowercased()) : $0 }
        var marked = [Bool](repeating: false, count: chars.count)
        for term in Set(terms) where !term.isEmpty {
            let t = Array(term)
            guard t.count <= lowered.count else { continue }
            var i = 0
            while i + t.count <= lowered.count {
                if lowered[i] == t[0] && Array(lowered[i..<(i + t.count)]) == t {
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
        for (i, c) in chars.enumerated() {
            if marked[i], start == nil { start = offset }
            if !marked[i], let s = start { marks.append(s..<offset); start = nil }
            offset += c.utf8.count
        }
        if let s = start { marks.append(s..<offset) }
        return MarkedText(text, marks: marks)
    }
}
