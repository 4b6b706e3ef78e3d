import Foundation

/// An FTS5 MATCH expression built left to right, with the weight of each phrase in
/// the order FTS5 numbers them (for gongshi_rank). User text only ever enters as a
/// quoted phrase, so no input can be an FTS5 syntax error.
public struct MatchExpression: Sendable {
    public private(set) var text = ""
    public private(set) var phraseWeights: [Double] = []

    public init() {}

    public mutating func append(_ syntax: String) { text += syntax }

    public mutating func append(_ other: MatchExpression) {
        text += other.text
        phraseWeights += other.phraseWeights
    }

    public mutating func phrase(_ value: String, weight: Double, prefix: Bool = false) {
        text += MatchExpression.quote(value) + (prefix ? " *" : "")
        phraseWeights.append(weight)
    }

    /// Restricts the whole expression to some columns (adds no phrase).
    public func restricted(to columns: [String]) -> MatchExpression {
        var copy = self
        copy.text = "{\(columns.joined(separator: " "))} : (\(text))"
        return copy
    }

    public static func or(_ a: MatchExpression, _ b: MatchExpression) -> MatchExpression {
        var e = MatchExpression()
        e.append("(")
        e.append(a)
        e.append(") OR (")
        e.append(b)
        e.append(")")
        return e
    }

    /// An FTS5 string literal: the only special character inside is the quote itself.
    public static func quote(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Column weights of the search table: title, label, body, tags, pinyin, kind.
    public static let columnWeights = [10.0, 6.0, 1.0, 4.0, 0.5, 0.0]
}
