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
        guard let data = try? JSONEncoder().encode(value), let json = try? JSONDecoder().decode(JSONValue.self, from: data) else { return [:] }
        return json.templateValue as? [String: Any] ?? [:]
    }

    enum JSONValue: Decodable {
        case null, bool(Bool), int(Int), double(Double), string(String), array([JSONValue]), object([String: JSONValue])

        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() {
                self = .null
            } else if let b = try? c.decode(Bool.self) {
                self = .bool(b)
            } else if let i = try? c.decode(Int.self) {
                self = .int(i)
            } else if let d = try? c.decode(Double.self) {
                self = .double(d)
            } else if let s = try? c.decode(String.self) {
                self = .string(s)
            } else if let a = try? c.decode([JSONValue].self) {
                self = .array(a)
            } else {
                self = .object(try c.decode([String: JSONValue].self))
            }
        }

        var templateValue: Any? {
            switch self {
            case .null: return nil
            case .bool(let b): return b
            case .int(let i): return i
            case .double(let d): return d == d.rounded() && abs(d) < 1e15 ? Int(d) as Any : d
            case .string(let s): return s
            case .array(let a): return a.compactMap(\.templateValue)
            case .object(let o):
                var out: [String: Any] = [:]
                for (key, value) in o { if let v = value.templateValue { out[TemplateData.snakeCase(key)] = v } }
                return out
            }
        }
    }
}
