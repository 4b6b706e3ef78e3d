import GongshiSearch
import GongshiStore

/// Text made safe for XML and HTML: markup characters escaped, and characters XML 1.0
/// forbids (controls other than tab and newlines, U+FFFE/U+FFFF) dropped.
enum XMLText {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if let entity = HTMLText.entity(for: scalar) {
                out += entity
                continue
            }
            switch scalar {
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                let v = scalar.value
                if v < 0x20 || (v >= 0x7F && v < 0xA0) || v == 0xFFFE || v == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
