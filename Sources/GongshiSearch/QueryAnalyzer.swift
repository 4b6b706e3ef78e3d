import Foundation
import GongshiStore

/// Turns what a person typed into an FTS5 MATCH expression that can never be a syntax
/// error: every piece of user text ends up inside a double-quoted string.
///
/// Each whitespace-separated term must match (AND). A term matches as a phrase of
/// characters, so any substring is found; synonyms found in the term add alternative
/// phrases; the term's dictionary words are added as whole-word alternatives that do
/// not widen the match but raise the score of rows that contain them as words.
struct QueryAnalyzer {
    let tokenizer: ChineseTokenizer
    /// Folded term -> the other terms of its synonym groups.
    let synonyms: [String: [String]]

    static let maxTerms = 12
    static let maxAlternatives = 6

    struct Analysis {
        var expression: String?
        /// Terms as typed (after cleaning), for pinyin and exact look-ups.
        var terms: [String]
    }

    /// Removes what cannot be part of a query: quotes (FTS5 syntax), control characters.
    static func clean(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars.prefix(SearchRequest.maxQueryCharacters) {
            if scalar == "\"" || scalar.properties.generalCategory == .control || scalar.value == 0xE000 {
                out.append(" ")
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    static func terms(_ text: String) -> [String] {
        clean(text).split(whereSeparator: { $0.isWhitespace }).map(String.init).prefix(maxTerms).map { $0 }
    }

    func fold(_ text: String) -> String { tokenizer.tokens(text, mode: .query).map(\.text).joined() }

    func analyze(_ text: String) -> Analysis {
        let terms = QueryAnalyzer.terms(text)
        var clauses: [String] = []
        for term in terms {
            if let clause = clause(for: term) { clauses.append(clause) }
        }
        return Analysis(expression: clauses.isEmpty ? nil : clauses.joined(separator: " AND "), terms: terms)
    }

    /// The clause for one term, or nil when it has no searchable characters.
    func clause(for term: String) -> String? {
        let folded = fold(term)
        guard !folded.isEmpty else { return nil }
        var alternatives = [folded]
        // Synonyms of the whole term, then of pieces of it (民非分支机构 -> 民办非企业单位分支机构).
        for (key, others) in synonyms.sorted(by: { $0.key.count > $1.key.count }) where folded.contains(key) {
            for other in others {
                let variant = folded.replacingOccurrences(of: key, with: other)
                if !alternatives.contains(variant) { alternatives.append(variant) }
                if alternatives.count > QueryAnalyzer.maxAlternatives { break }
            }
            if alternatives.count > QueryAnalyzer.maxAlternatives { break }
        }
        var phrases = alternatives.map(QueryAnalyzer.quote).joined(separator: " OR ")
        // A term mixing scripts (ＡＡＡ评估, 200平方米) also matches with its parts apart.
        let parts = QueryAnalyzer.scriptRuns(folded)
        if parts.count > 1 {
            phrases += " OR (" + parts.map { part in
                let variants = [part] + (synonyms[part] ?? []).prefix(QueryAnalyzer.maxAlternatives)
                return "(" + variants.map(QueryAnalyzer.quote).joined(separator: " OR ") + ")"
            }.joined(separator: " AND ") + ")"
        }
        let words = tokenizer.words(term).filter { $0.unicodeScalars.count >= 2 && $0.unicodeScalars.first.map { $0.value >= 0x3400 } == true }
        guard !words.isEmpty else { return "(\(phrases))" }
        // A dictionary word that starts with the query word (民政 -> 民政局, 民政部门, not
        // 人民政府) is what people mean far more often than a bare substring.
        let boosts = words.map { QueryAnalyzer.quote(ChineseTokenizer.wordMarker + $0) + " *" }.joined(separator: " OR ")
        // (X) AND (W OR X) matches exactly what X matches, and scores W's hits.
        return "(\(phrases)) AND (\(boosts) OR \(phrases))"
    }

    /// Splits folded text into runs of Han and of other characters.
    static func scriptRuns(_ text: String) -> [String] {
        var runs: [String] = []
        var current = ""
        var currentIsHan: Bool?
        for c in text {
            let isHan = c.unicodeScalars.first.map { $0.properties.isIdeographic } ?? false
            if let last = currentIsHan, last != isHan {
                runs.append(current)
                current = ""
            }
            current.append(c)
            currentIsHan = isHan
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }

    /// An FTS5 string literal: the only special character inside is the quote itself.
    static func quote(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Pinyin reading of an all-Latin query: each term as full pinyin (shehui) or
    /// initials (sh) of a dictionary word of the index. Nil when the query is not pinyin.
    static func pinyinTerms(_ terms: [String]) -> [String]? {
        let lowered = terms.map { $0.lowercased() }
        guard !lowered.isEmpty, lowered.allSatisfy({ term in term.count >= 2 && term.unicodeScalars.allSatisfy { $0.value >= 97 && $0.value <= 122 } }) else { return nil }
        return lowered
    }
}
