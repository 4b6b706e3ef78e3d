import Foundation

/// HTML escaping for text that goes into pages and snippets.
public enum HTMLText {
    public static func escape(_ text: String) -> String {
        // Most text (Chinese prose) has nothing to escape: return it as it is.
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// Turns FTS5 snippet text with \u{1}…\u{2} markers into escaped HTML with <mark>,
    /// merging the marks of adjacent characters.
    static func markedSnippet(_ raw: String) -> String {
        let merged = raw.replacingOccurrences(of: "\u{2}\u{1}", with: "")
        return escape(merged).replacingOccurrences(of: "\u{1}", with: "<mark>").replacingOccurrences(of: "\u{2}", with: "</mark>")
    }
}
