import Foundation

/// Turns a page model (often with a JSON twin's value inside) into what the templates
/// read, so a page and its JSON show the same data under the same snake_case names: Swift
/// names are converted (`csvURL` → `csv_url`, `hasPages` → `has_pages`). Nulls are left
/// out, which makes `{{#key}}` sections skip them; whole numbers stay integers.
enum TemplateData {
    /// `hasPages` → `has_pages`, `qURL` → `q_url`; snake_case names are kept as they are.
    static func snakeCase(_ key: String) -> String {
        guard key.contains(where: \.isUppercase) else { return key }
        let chars = Array(key)
        var out = ""
        for (i, c) in chars.enumerated() {
            if c.isUppercase, i > 0 {
                let afterLower = chars[i - 1].isLowercase || chars[i - 1].isNumber
                let endsAcronym = chars[i - 1].isUppercase && i + 1 < chars.count && chars[i + 1].isLowercase
                if afterLower || endsAcronym { out += "_" }
            }
            out += c.lowercased()
        }
        return out
    }

    static func from<T: Encodable>(_ value: T) -> [String: Any] {
        guard let data = try? JSONEncoder().encode(value) else { return [:] }
        let object = data.withUnsafeBytes { bytes -> Any? in
            var reader = Reader(bytes: bytes.bindMemory(to: UInt8.self))
            return try? reader.value()
        }
        return object as? [String: Any] ?? [:]
    }

    /// Reads the JSON that JSONEncoder wrote straight into template values: objects as
    /// `[String: Any]` with snake_case keys and without nulls, arrays without nulls, whole
    /// numbers below 10^15 as `Int`. (Decoding it with JSONDecoder into an enum tried Bool,
    /// Int, Double and String in turn on every value, each failure a thrown error: a third of
    /// the CPU of a small page such as the 404.)
    struct Reader {
        struct Malformed: Error {}

        let bytes: UnsafeBufferPointer<UInt8>
        var at = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        /// The next value; nil for null.
        mutating func value() throws -> Any? {
            skipSpace()
            guard at < bytes.count else { throw Malformed() }
            switch bytes[at] {
            case UInt8(ascii: "{"):
                at += 1
                var out: [String: Any] = [:]
                skipSpace()
                if try take(UInt8(ascii: "}")) { return out }
                repeat {
                    skipSpace()
                    let key = try string()
                    skipSpace()
                    guard try take(UInt8(ascii: ":")) else { throw Malformed() }
                    if let value = try value() { out[TemplateData.snakeCase(key)] = value }
                    skipSpace()
                } while try take(UInt8(ascii: ","))
                guard try take(UInt8(ascii: "}")) else { throw Malformed() }
                return out
            case UInt8(ascii: "["):
                at += 1
                var out: [Any] = []
                skipSpace()
                if try take(UInt8(ascii: "]")) { return out }
                repeat {
                    if let value = try value() { out.append(value) }
                    skipSpace()
                } while try take(UInt8(ascii: ","))
                guard try take(UInt8(ascii: "]")) else { throw Malformed() }
                return out
            case UInt8(ascii: "\""):
                return try string()
            case UInt8(ascii: "t"):
                try word("true")
                return true
            case UInt8(ascii: "f"):
                try word("false")
                return false
            case UInt8(ascii: "n"):
                try word("null")
                return nil
            default:
                return try number()
            }
        }

        mutating func skipSpace() {
            while at < bytes.count, bytes[at] == 0x20 || bytes[at] == 0x0A || bytes[at] == 0x0D || bytes[at] == 0x09 { at += 1 }
        }

        /// Consumes `byte` when it comes next.
        mutating func take(_ byte: UInt8) throws -> Bool {
            guard at < bytes.count else { throw Malformed() }
            guard bytes[at] == byte else { return false }
            at += 1
            return true
        }

        mutating func word(_ text: StaticString) throws {
            let count = text.utf8CodeUnitCount
            guard at + count <= bytes.count, let base = bytes.baseAddress, memcmp(base + at, text.utf8Start, count) == 0 else { throw Malformed() }
            at += count
        }

        /// Integers as `Int`; other numbers as `Double`, unless whole and below 10^15.
        mutating func number() throws -> Any {
            let start = at
            var integral = true
            scan: while at < bytes.count {
                switch bytes[at] {
                case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"): break
                case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): integral = false
                default: break scan
                }
                at += 1
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self)
            if integral, let int = Int(text) { return int }
            guard let double = Double(text) else { throw Malformed() }
            return double == double.rounded() && abs(double) < 1e15 ? Int(double) : double
        }

        /// A string, its escapes resolved (JSONEncoder escapes quotes, backslashes, slashes
        /// and control characters).
        mutating func string() throws -> String {
            guard try take(UInt8(ascii: "\"")) else { throw Malformed() }
            let start = at
            while at < bytes.count, bytes[at] != UInt8(ascii: "\""), bytes[at] != UInt8(ascii: "\\") { at += 1 }
            guard at < bytes.count else { throw Malformed() }
            if bytes[at] == UInt8(ascii: "\"") {
                defer { at += 1 }
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self)
            }
            var out = Array(bytes[start..<at])
            while at < bytes.count {
                let b = bytes[at]
                at += 1
                if b == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
                guard b == UInt8(ascii: "\\") else {
                    out.append(b)
                    continue
                }
                guard at < bytes.count else { throw Malformed() }
                let escape = bytes[at]
                at += 1
                switch escape {
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800..<0xDC00).contains(scalar), at + 1 < bytes.count, bytes[at] == UInt8(ascii: "\\"), bytes[at + 1] == UInt8(ascii: "u") {
                        at += 2
                        let low = try hex4()
                        scalar = (0xDC00..<0xE000).contains(low) ? 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00) : 0xFFFD
                    }
                    out.append(contentsOf: String(Unicode.Scalar(scalar) ?? "\u{FFFD}").utf8)
                default: out.append(escape)  // " \ /
                }
            }
            throw Malformed()
        }

        mutating func hex4() throws -> UInt32 {
            guard at + 4 <= bytes.count else { throw Malformed() }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let b = bytes[at]
                let digit: UInt8
                switch b {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = b - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = b - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = b - UInt8(ascii: "A") + 10
                default: throw Malformed()
                }
                value = value << 4 | UInt32(digit)
                at += 1
            }
            return value
        }
    }
}
