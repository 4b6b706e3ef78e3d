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
    /// The same, longest key first (for replacing synonyms inside a longer term); sorted
    /// once per analyzer, by UTF-8 length, which costs no grapheme counting.
    let synonymsLongestFirst: [(key: String, others: [String])]
    /// Dictionary words of the index that start with a word (民政 -> 民政, 民政局, 民政部门).
    /// Exact word tokens are looked up instead of an FTS5 prefix query, which would merge
    /// the posting lists of every matching term on each query.
    var wordsStartingWith: (String) -> [String] = { [$0] }

    init(tokenizer: ChineseTokenizer, synonyms: [String: [String]]) {
        self.tokenizer = tokenizer
        self.synonyms = synonyms
        synonymsLongestFirst = synonyms.map { (key: $0.key, others: $0.value) }
            .sorted { $0.key.utf8.count != $1.key.utf8.count ? $0.key.utf8.count > $1.key.utf8.count : $0.key < $1.key }
    }

    static let maxTerms = 12
    static let maxAlternatives = 6

    /// How much each part of a query counts (see phrase_rank.c).
    enum Weight {
        static let typed = 0.5
        static let synonym = 0.45
        static let scriptPart = 0.2
        static let wordPrefix = 2.0
    }

    struct Analysis {
        /// For ranking: the phrases that must match, and the whole-word boosts.
        var expression: MatchExpression?
        /// The same match without the boosts: for counting and snippets, where the
        /// boosts change nothing but cost posting-list reads.
        var matching: MatchExpression?
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
        func build(boosts: Bool) -> MatchExpression? {
            var expression = MatchExpression()
            var first = true
            for term in terms {
                var clause = MatchExpression()
                guard addClause(for: term, to: &clause, boosts: boosts) else { continue }
                if !first { expression.append(" AND ") }
                expression.append(clause)
                first = false
            }
            return first ? nil : expression
        }
        return Analysis(expression: build(boosts: true), matching: build(boosts: false), terms: terms)
    }

    static let maxBoostWords = 8

    /// Appends the clause for one term; false when it has no searchable characters.
    func addClause(for term: String, to e: inout MatchExpression, boosts: Bool) -> Bool {
        let folded = fold(term)
        guard !folded.isEmpty else { return false }
        var alternatives = [folded]
        // Synonyms of the whole term, then of pieces of it (民非分支机构 -> 民办非企业单位分支机构).
        for (key, others) in synonymsLongestFirst where QueryAnalyzer.contains(folded, key) {
            for other in others where alternatives.count <= QueryAnalyzer.maxAlternatives {
                let variant = QueryAnalyzer.replacing(key, with: other, in: folded)
                // A variant containing the term (处罚 -> 行政处罚 inside 行政处罚 gives
                // 行政行政处罚) can match no row the term does not: it would only cost
                // another pass over the posting lists.
                if !alternatives.contains(variant), !QueryAnalyzer.contains(variant, folded) { alternatives.append(variant) }
            }
        }
        let parts = QueryAnalyzer.scriptRuns(folded)
        // X: the term or its synonyms; a term mixing scripts (ＡＡＡ评估, 200平方米) also
        // matches with its parts apart.
        func addAlternatives(weightScale: Double) {
            for (i, alternative) in alternatives.enumerated() {
                if i > 0 { e.append(" OR ") }
                e.phrase(alternative, weight: weightScale * (i == 0 ? Weight.typed : Weight.synonym))
            }
            if parts.count > 1 {
                e.append(" OR (")
                for (i, part) in parts.enumerated() {
                    if i > 0 { e.append(" AND ") }
                    e.append("(")
                    let variants = [part] + (synonyms[part] ?? []).prefix(QueryAnalyzer.maxAlternatives)
                    for (j, variant) in variants.enumerated() {
                        if j > 0 { e.append(" OR ") }
                        e.phrase(variant, weight: weightScale * Weight.scriptPart)
                    }
                    e.append(")")
                }
                e.append(")")
            }
        }
        e.append("(")
        addAlternatives(weightScale: 1)
        // A dictionary word that starts with the query word (民政 -> 民政局, 民政部门, not
        // 人民政府) is what people mean far more often than a bare substring. Only for a
        // term that is one word: then every row the word-prefix matches also contains the
        // term, so OR adds score without widening the match or repeating the phrase.
        let words = boosts ? tokenizer.words(term) : []
        if words.count == 1, let word = words.first, word == folded, word.unicodeScalars.count >= 2,
           word.unicodeScalars.first.map({ $0.properties.isIdeographic }) == true {
            for candidate in wordsStartingWith(word).prefix(QueryAnalyzer.maxBoostWords) {
                e.append(" OR ")
                e.phrase(ChineseTokenizer.wordMarker + candidate, weight: Weight.wordPrefix)
            }
        }
        e.append(")")
        return true
    }

    /// Byte-wise substring test on folded text (Foundation's `contains` goes through
    /// CFString and locale-aware comparison, far slower for these short strings). UTF-8
    /// is self-synchronizing, so a byte match is a character match.
    static func contains(_ text: String, _ part: String) -> Bool {
        Array(text.utf8).firstRange(of: Array(part.utf8)) != nil
    }

    /// `text` with every occurrence of `part` replaced, byte-wise.
    static func replacing(_ part: String, with replacement: String, in text: String) -> String {
        String(decoding: Array(text.utf8).replacing(Array(part.utf8), with: Array(replacement.utf8)), as: UTF8.self)
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

    /// Pinyin reading of an all-Latin query: each term as full pinyin (shehui) or
    /// initials (sh) of a dictionary word of the index. Nil when the query is not pinyin.
    static func pinyinTerms(_ terms: [String]) -> [String]? {
        let lowered = terms.map { $0.lowercased() }
        guard !lowered.isEmpty, lowered.allSatisfy({ term in term.count >= 2 && term.unicodeScalars.allSatisfy { $0.value >= 97 && $0.value <= 122 } }) else { return nil }
        return lowered
    }
}
