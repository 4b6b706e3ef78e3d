import Foundation

/// HTML escaping for text that goes into pages and snippets.
public enum HTMLText {
    public static func escape(_ text: String) -> String {
        // Most text (Chinese prose) has nothing to escape: return it as it is.
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text.unicodeScalars {
            if let entity = entity(for: c) { out += entity } else { out.unicodeScalars.append(c) }
        }
        return out
    }

    /// The entity for a character markup must not carry as it is (& < > " '); nil otherwise.
    /// The one table of the HTML, snippet and XML escapers.
    public static func entity(for c: Unicode.Scalar) -> String? {
        switch c {
        case "&": return "&amp;"
        case "<": return "&lt;"
        case ">": return "&gt;"
        case "\"": return "&quot;"
        case "'": return "&#39;"
        default: return nil
        }
    }

    /// Turns FTS5 snippet text with \u{1}…\u{2} markers into escaped HTML with <mark>,
    /// merging the marks of adjacent characters.
    /// One pass over the bytes (Foundation's replacingOccurrences, four times over, was a
    /// quarter of a search's CPU time).
    public static func markedSnippet(_ raw: String) -> String {
        let bytes = Array(raw.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 64)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            switch b {
            case 0x02 where i + 1 < bytes.count && bytes[i + 1] == 0x01:
                i += 1   // end of one mark and start of the next: one mark
            case 0x01: out += "<mark>".utf8
            case 0x02: out += "</mark>".utf8
            default:
                if b < 0x80, let entity = entity(for: Unicode.Scalar(b)) { out += entity.utf8 } else { out.append(b) }
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
