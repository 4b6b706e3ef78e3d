import Foundation
import GongshiSearch
import GongshiStore
import GongshiTestSupport
import Testing

@testable import GongshiWeb

/// `TemplateData.from` reads JSONEncoder's text itself; these tests hold it to what decoding
/// that text with JSONDecoder gave (the yardstick below is the former implementation).
@Suite struct TemplateDataTests {
    /// The former reading: JSONDecoder into an enum, then nulls dropped and keys snake_cased.
    enum Yardstick: Decodable {
        case null, bool(Bool), int(Int), double(Double), string(String), array([Yardstick]), object([String: Yardstick])

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
            } else if let a = try? c.decode([Yardstick].self) {
                self = .array(a)
            } else {
                self = .object(try c.decode([String: Yardstick].self))
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

        static func from<T: Encodable>(_ value: T) throws -> [String: Any] {
            let json = try JSONDecoder().decode(Yardstick.self, from: JSONEncoder().encode(value))
            return try #require(json.templateValue as? [String: Any])
        }
    }

    /// A value's type and contents, with dictionary keys sorted, so that two `Any` trees compare.
    static func describe(_ value: Any) -> String {
        switch value {
        case let b as Bool: return "Bool(\(b))"
        case let i as Int: return "Int(\(i))"
        case let d as Double: return "Double(\(d))"
        case let s as String: return "String(\(s.debugDescription))"
        case let a as [Any]: return "[" + a.map(describe).joined(separator: ", ") + "]"
        case let o as [String: Any]: return "{" + o.keys.sorted().map { "\($0.debugDescription): \(describe(o[$0]!))" }.joined(separator: ", ") + "}"
        default: return "?\(type(of: value))"
        }
    }

    struct Every: Encodable {
        struct Inner: Encodable {
            var qURL = "/search?q=%E6%B0%91&type=org"
            var hasPages = true
            var nothing: String? = nil
            var explicitNull: String? = nil
            enum CodingKeys: String, CodingKey { case qURL, hasPages, nothing, explicitNull }
            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(qURL, forKey: .qURL)
                try c.encode(hasPages, forKey: .hasPages)
                try c.encodeIfPresent(nothing, forKey: .nothing)
                try c.encode(explicitNull, forKey: .explicitNull)
            }
        }
        var text = "引号\" 反斜杠\\ /斜杠 \u{1}\u{1F}\t\n\r\u{8}\u{C} 😀 <mark>&amp;</mark> é"
        var empty = ""
        var yes = true
        var no = false
        var zero = 0
        var negative = -42
        var big = Int.max
        var whole = 3.0
        var fraction = 12.890692970991086
        var tiny = 0.000123
        var huge = 1e20
        var negativeFraction = -0.5
        var numbers: [Double?] = [1, 2.5, nil, -0.0]
        var nested: [[Inner]] = [[Inner(), Inner()], []]
        var emptyObject: [String: Int] = [:]
        var map = ["someKey": 1, "another_key": 2, "URLValue": 3]
        var url = URL(string: "https://example.org/a/b?c=d")!
        var inner = Inner()
        var ctaURL = "x"
    }

    @Test func readsWhatTheDecoderRead() throws {
        let value = Every()
        let fast = TemplateData.from(value)
        #expect(Self.describe(fast) == Self.describe(try Yardstick.from(value)))
        #expect(fast["text"] as? String == value.text)
        #expect(fast["whole"] as? Int == 3)
        #expect(fast["huge"] as? Double == 1e20)
        #expect(fast["yes"] as? Bool == true)
        #expect(fast["cta_url"] as? String == "x")
        #expect((fast["inner"] as? [String: Any])?["q_url"] as? String == value.inner.qURL)
        #expect((fast["inner"] as? [String: Any])?.keys.contains("explicit_null") == false)
        #expect((fast["numbers"] as? [Any])?.count == 3)
    }

    @Test func pageModelsReadAsBefore() throws {
        let response = SearchResponse(
            query: "民政", total: 2,
            results: [
                SearchResult(
                    kind: "article", id: "shetuan#a10", title: "社会团体登记管理条例", label: "第十条",
                    snippet: MarkedText("…民政部门 & \"x\"…", marks: [3..<9]), ref: .policy(id: "shetuan", anchor: "a10"), score: 12.5),
                SearchResult(
                    kind: "org", id: "51310000MJ0000000X", title: "某某协会", label: nil, snippet: MarkedText(""),
                    ref: .organization(code: "51310000MJ0000000X"), score: 1000),
            ], relaxed: ["成立"], suggestion: "某某协会")
        let body = SearchResponseBody(response)
        #expect(Self.describe(TemplateData.from(body)) == Self.describe(try Yardstick.from(body)))
        var page = SearchPage()
        page.hasQuery = true
        page.qURL = "%E6%B0%91%E6%94%BF"
        page.totalText = "2"
        page.noResults = false
        #expect(Self.describe(TemplateData.from(page)) == Self.describe(try Yardstick.from(page)))
    }
}
