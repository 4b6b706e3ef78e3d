import Foundation

/// An FTS5 MATCH expression built left to right, with the weight of each phrase in
/// the order FTS5 numbers them (for gongshi_rank). User text only ever enters as a
/// quoted phrase, so no input can be an FTS5 syntax error.
public struct MatchExpression: Sendable {
    public private(set) var text = ""
    /// The same expression with short phrases (`ChineseTokenizer.shortPhraseMarker`): the
    /// same rows match, faster, but each phrase may be a token shorter (see
    /// `rankArguments(rowCounts:shortened:)`); snippets need `text`.
    public private(set) var shortText = ""
    public private(set) var phraseWeights: [Double] = []
    /// The query word each phrase stands for (-1: none), for proximity ranking: rows
    /// where every word occurs close together rank first (see phrase_rank.c).
    public private(set) var phraseGroups: [Int] = []
    /// Each phrase as given (for per-phrase statistics).
    public private(set) var phraseTexts: [String] = []

    public init() {}

    public mutating func append(_ syntax: String) {
        text += syntax
        shortText += syntax
    }

    public mutating func append(_ other: MatchExpression) {
        text += other.text
        shortText += other.shortText
        phraseWeights += other.phraseWeights
        phraseGroups += other.phraseGroups
        phraseTexts += other.phraseTexts
    }

    public mutating func phrase(_ value: String, weight: Double, prefix: Bool = false, group: Int = -1) {
        text += MatchExpression.quote(value) + (prefix ? " *" : "")
        let short = value.hasPrefix(ChineseTokenizer.wordMarker) ? value : ChineseTokenizer.shortPhraseMarker + value
        shortText += MatchExpression.quote(short) + (prefix ? " *" : "")
        phraseWeights.append(weight)
        phraseGroups.append(group)
        phraseTexts.append(value + (prefix ? " *" : ""))
    }

    /// Restricts the whole expression to some columns (adds no phrase).
    public func restricted(to columns: [String]) -> MatchExpression {
        var copy = self
        copy.text = "{\(columns.joined(separator: " "))} : (\(text))"
        copy.shortText = "{\(columns.joined(separator: " "))} : (\(shortText))"
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

    /// Arguments of gongshi_rank: column weights, phrase weights, and the phrase groups
    /// when at least two words are grouped.
    public var rankArguments: [Double] {
        let groups = Set(phraseGroups.filter { $0 >= 0 }.map { $0 % 1000 })
        return MatchExpression.columnWeights + phraseWeights + (groups.count >= 2 ? phraseGroups.map(Double.init) : [])
    }

    /// Arguments of gongshi_rank with the number of rows holding each phrase (nil: let
    /// gongshi_rank count it): column weights, phrase weights, groups, counts.
    public func rankArguments(rowCounts: [Int?]) -> [Double?] {
        MatchExpression.columnWeights.map(Optional.some) + phraseWeights.map(Optional.some)
            + phraseGroups.map { Optional.some(Double($0)) } + rowCounts.map { $0.map(Double.init) }
    }

    /// The same for a match on `shortText`, with the tokens each short phrase left out.
    public func rankArguments(rowCounts: [Int?], shortened: [Int]) -> [Double?] {
        rankArguments(rowCounts: rowCounts) + shortened.map { Optional.some(Double($0)) }
    }

    /// An FTS5 string literal: the only special character inside is the quote itself.
    public static func quote(_ text: String) -> String {
        // Most text has no quote: Foundation's replacing costs more than the rest of
        // building an expression, so it runs only when there is one to double.
        guard text.utf8.contains(UInt8(ascii: "\"")) else { return "\"" + text + "\"" }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Column weights of the search table: title, label, body, tags, pinyin, kind.
    public static let columnWeights = [10.0, 6.0, 1.0, 4.0, 0.5, 0.0]
}
