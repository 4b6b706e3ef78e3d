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
    let vocabulary: QueryVocabulary
    /// Dictionary words of the index that start with a word (民政 -> 民政, 民政局, 民政部门).
    /// Exact word tokens are looked up instead of an FTS5 prefix query, which would merge
    /// the posting lists of every matching term on each query.
    var wordsStartingWith: (String) -> [String] = { [$0] }

    init(tokenizer: ChineseTokenizer, vocabulary: QueryVocabulary) {
        self.tokenizer = tokenizer
        self.vocabulary = vocabulary
    }

    static let maxTerms = QueryWords.maxTerms
    static let maxAlternatives = 6

    /// How much each part of a query counts (see phrase_rank.c).
    enum Weight {
        static let typed = 0.5
        static let synonym = 0.45
        static let colloquial = 0.3
        static let scriptPart = 0.2
        static let wordPrefix = 2.0
    }

    struct Analysis {
        /// The words every result must contain (each with its alternatives).
        var words: [QueryWord]
        /// Per word, for ranking: its phrases and whole-word boosts.
        var clauses: [MatchExpression]
        /// Per word without the boosts: for counting and snippets, where the boosts change
        /// nothing but cost posting-list reads.
        var matchClauses: [MatchExpression]
        /// Terms as typed (after cleaning), for pinyin and exact look-ups.
        var terms: [String]

        /// AND over the words not dropped; nil when none is left.
        func expression(dropping dropped: Set<Int> = [], boosts: Bool = true) -> MatchExpression? {
            var e = MatchExpression()
            var first = true
            for (i, clause) in (boosts ? clauses : matchClauses).enumerated() where !dropped.contains(i) {
                if !first { e.append(" AND ") }
                e.append(clause)
                first = false
            }
            return first ? nil : e
        }

        var expression: MatchExpression? { expression() }
        var matching: MatchExpression? { expression(boosts: false) }
    }

    static func clean(_ text: String) -> String { QueryWords.clean(text) }

    static func terms(_ text: String) -> [String] { QueryWords.terms(text) }

    func fold(_ text: String) -> String { QueryWords.fold(text, tokenizer: tokenizer) }

    func analyze(_ text: String) -> Analysis {
        let words = QueryWords.words(text, tokenizer: tokenizer, vocabulary: vocabulary)
        // Whole-word boosts only for a one-word query (民政 -> 民政局): several words
        // already rank by proximity, and each boost is another posting list to read.
        let boostWord = words.count == 1
        var clauses: [MatchExpression] = []
        var matchClauses: [MatchExpression] = []
        for (i, word) in words.enumerated() {
            var clause = MatchExpression()
            addClause(for: word, group: i, to: &clause, boosts: boostWord)
            clauses.append(clause)
            if boostWord {
                var plain = MatchExpression()
                addClause(for: word, group: i, to: &plain, boosts: false)
                matchClauses.append(plain)
            } else {
                matchClauses.append(clause)
            }
        }
        return Analysis(words: words, clauses: clauses, matchClauses: matchClauses, terms: QueryWords.terms(text))
    }

    static let maxBoostWords = 8

    /// Appends the clause for one word: the word or its alternatives; a word mixing
    /// scripts (境外ngo) also matches with its parts apart.
    func addClause(for word: QueryWord, group: Int, to e: inout MatchExpression, boosts: Bool) {
        let alternatives =
            [(word.text, Weight.typed)] + word.synonyms.prefix(QueryAnalyzer.maxAlternatives).map { ($0, Weight.synonym) }
            + word.colloquial.prefix(QueryAnalyzer.maxAlternatives).filter { !word.synonyms.contains($0) }.map { ($0, Weight.colloquial) }
        // Foundation's replacing only when there is a space to remove (it is costly).
        let joined = word.text.utf8.contains(UInt8(ascii: " ")) ? word.text.replacingOccurrences(of: " ", with: "") : word.text
        let parts = QueryAnalyzer.scriptRuns(joined)
        e.append("(")
        for (i, alternative) in alternatives.enumerated() {
            if i > 0 { e.append(" OR ") }
            // A colloquial reading (成立 -> 登记) is looser than the word: it counts as
            // standing further away from the other words (phrase_rank.c).
            e.phrase(alternative.0, weight: alternative.1, group: alternative.1 == Weight.colloquial ? group + 1000 : group)
        }
        if parts.count > 1 {
            e.append(" OR (")
            for (i, part) in parts.enumerated() {
                if i > 0 { e.append(" AND ") }
                e.append("(")
                let variants = [part] + (vocabulary.synonyms[part] ?? []).prefix(QueryAnalyzer.maxAlternatives)
                for (j, variant) in variants.enumerated() {
                    if j > 0 { e.append(" OR ") }
                    e.phrase(variant, weight: Weight.scriptPart, group: group)
                }
                e.append(")")
            }
            e.append(")")
        }
        // A dictionary word that starts with the query word (民政 -> 民政局, 民政部门, not
        // 人民政府) is what people mean far more often than a bare substring: every row
        // the word-prefix matches also contains the word, so OR adds score only.
        if boosts, word.text.unicodeScalars.count >= 2, word.isHan, tokenizer.words(word.text) == [word.text] {
            for candidate in wordsStartingWith(word.text).prefix(QueryAnalyzer.maxBoostWords) {
                e.append(" OR ")
                e.phrase(ChineseTokenizer.wordMarker + candidate, weight: Weight.wordPrefix)
            }
        }
        e.append(")")
    }

    static func contains(_ text: String, _ part: String) -> Bool { QueryWords.contains(text, part) }

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
        // Han text is never pinyin: decide on the first scalar before any transform.
        guard let first = terms.first?.unicodeScalars.first, first.value < 0x2E80 else { return nil }
        let lowered = terms.map(normalizedPinyin)
        guard !lowered.isEmpty, lowered.allSatisfy({ term in term.count >= 2 && term.unicodeScalars.allSatisfy { $0.value >= 97 && $0.value <= 122 } }) else {
            return nil
        }
        return lowered
    }
}

extension QueryAnalyzer {
    /// Pinyin as people type it, as the index stores it: tone marks and tone digits
    /// dropped (fǎlǜ, fa3lv4), ü and v as u (falv = falu), lower case.
    static func normalizedPinyin(_ term: String) -> String {
        var out = String.UnicodeScalarView()
        let lower = term.lowercased()
        let latin = lower.utf8.allSatisfy({ $0 < 0x80 }) ? lower : lower.applyingTransform(.stripDiacritics, reverse: false) ?? lower
        let hasLetters = latin.unicodeScalars.contains { $0.value >= 97 && $0.value <= 122 }
        for scalar in latin.unicodeScalars {
            if scalar == "v" {
                out.append("u")
                continue
            }
            if hasLetters, scalar.value >= 0x31 && scalar.value <= 0x35 { continue }
            out.append(scalar)
        }
        return String(out)
    }
}
