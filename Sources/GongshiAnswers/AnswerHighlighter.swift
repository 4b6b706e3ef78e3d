/// An article's text as HTML: escaped, with every occurrence of the matched words in <mark>.
import GongshiStore

enum AnswerHighlighter {
    static func highlight(_ text: String, terms: [String]) -> String {
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
        var out = ""
        var open = false
        for (i, c) in chars.enumerated() {
            if marked[i] != open {
                out += marked[i] ? "<mark>" : "</mark>"
                open = marked[i]
            }
            out += HTMLText.escape(String(c))
        }
        if open { out += "</mark>" }
        return out
    }
}
