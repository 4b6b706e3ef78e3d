import Foundation
import GongshiStore

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

    /// Text with its matches as escaped HTML with each mark in <mark>. One pass over the
    /// bytes (Foundation's replacingOccurrences, four times over, was a quarter of a
    /// search's CPU time when snippets were marked that way).
    public static func marked(_ text: MarkedText) -> String {
        var source = text.text  // withUTF8 may make a string contiguous: needs var
        return source.withUTF8 { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 13 * text.marks.count + 16)
            // Runs without a character to escape are copied whole.
            func escaped(_ from: Int, _ to: Int) {
                var start = from
                for i in from..<to {
                    let entity: StaticString
                    switch bytes[i] {
                    case 0x26: entity = "&amp;"
                    case 0x3C: entity = "&lt;"
                    case 0x3E: entity = "&gt;"
                    case 0x22: entity = "&quot;"
                    case 0x27: entity = "&#39;"
                    default: continue
                    }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
                    out.append(contentsOf: UnsafeBufferPointer(start: entity.utf8Start, count: entity.utf8CodeUnitCount))
                    start = i + 1
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<to]))
            }
            var position = 0
            for mark in text.marks where mark.lowerBound >= position && mark.upperBound <= bytes.count {
                escaped(position, mark.lowerBound)
                out += "<mark>".utf8
                escaped(mark.lowerBound, mark.upperBound)
                out += "</mark>".utf8
                position = mark.upperBound
            }
            escaped(position, bytes.count)
            return String(decoding: out, as: UTF8.self)
        }
    }
}
