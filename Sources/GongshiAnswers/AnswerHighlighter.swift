/// An article's text as HTML: escaped, with every occurrence of the matched words in <mark>.
import GongshiStore

enum AnswerHighlighter {
    static func highlight(_ text: String, terms: [String]) -> String {
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
        var out = ""
        out.reserveCapacity(text.utf8.count + 64)
        var run = String.UnicodeScalarView()
        var open = false
        func flush() {
            out += HTMLText.escape(String(run))
            run = String.UnicodeScalarView()
        }
        for (i, c) in scalars.enumerated() {
            if marked[i] != open {
                flush()
                out += marked[i] ? "<mark>" : "</mark>"
                open = marked[i]
            }
            run.append(c)
        }
        flush()
        if open { out += "</mark>" }
        return out
    }
}
