/// A query as the words a person meant, in the order typed: people type Chinese without
/// spaces (成立社会团体条件), so each whitespace-separated term is segmented with the same
/// ICU dictionary as the index, and search requires every word, in any order and place.
///
/// - A run of words that is a synonym or colloquial key is one word (民非 is not in ICU's
///   dictionary: 民 + 非 → 民非).
/// - Latin letters and digits written together (1+11+X, 〔2025〕1号) stay one word, a
///   phrase of their tokens ("1 11 x").
/// - Single Han characters next to each other (a name the dictionary does not know,
///   服物 in a mistyped name) are one word: a lone common character would match nearly
///   everything and cost a long posting list.
/// - Question words and particles (吗, 如何) are dropped unless they have a colloquial
///   meaning (多久 → 期限 日内) or nothing else is left.
public struct QueryWord: Sendable, Equatable {
    /// Folded; Latin/digit tokens separated by one space.
    public var text: String
    /// Synonyms (both ways), then the terms of a colloquial word (one way).
    public var synonyms: [String]
    public var colloquial: [String]

    public init(text: String, synonyms: [String] = [], colloquial: [String] = []) {
        self.text = text
        self.synonyms = synonyms
        self.colloquial = colloquial
    }

    public var isHan: Bool { text.unicodeScalars.first.map(QueryWords.isHan) ?? false }
}

public enum QueryWords {
    public static let maxTerms = 12
    public static let maxWords = 12
    public static let maxQueryCharacters = 256

    static func isHan(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isIdeographic }

    /// Folded text of `text` (characters joined; Latin/digit tokens apart by a space so a
    /// phrase of them keeps its token boundaries).
    public static func fold(_ text: String, tokenizer: ChineseTokenizer) -> String {
        var out = ""
        var previousLatin = false
        for token in tokenizer.tokens(text, mode: .query) {
            let latin = !(token.text.unicodeScalars.first.map(isHan) ?? false)
            if latin && previousLatin { out += " " }
            out += token.text
            previousLatin = latin
        }
        return out
    }

    /// Removes what cannot be part of a query: quotes (FTS5 syntax), control characters,
    /// the private-use word marker.
    public static func clean(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars.prefix(maxQueryCharacters) {
            if scalar == "\"" || scalar.properties.generalCategory == .control || scalar.value == 0xE000 {
                out.append(" ")
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    public static func terms(_ text: String) -> [String] {
        Array(clean(text).split(whereSeparator: { $0.isWhitespace }).map(String.init).prefix(maxTerms))
    }

    /// The words of a query, with their synonyms and colloquial meanings.
    public static func words(_ text: String, tokenizer: ChineseTokenizer, vocabulary: QueryVocabulary) -> [QueryWord] {
        var pieces: [String] = []
        for term in terms(text) { pieces += segment(term, tokenizer: tokenizer, vocabulary: vocabulary) }
        var seen = Set<String>()
        pieces = pieces.filter { seen.insert($0).inserted }
        let content = pieces.filter { vocabulary.colloquial[$0] != nil || !vocabulary.questionWords.contains($0) }
        if !content.isEmpty { pieces = content }
        return pieces.prefix(maxWords).map { piece in
            QueryWord(
                text: piece, synonyms: synonyms(of: piece, vocabulary: vocabulary),
                colloquial: (vocabulary.colloquial[piece] ?? []).filter { $0 != piece })
        }
    }

    /// Synonyms of a whole word, then of pieces of it (民非分支机构 -> 民办非企业单位分支机构);
    /// a variant that contains the word itself (处罚 -> 行政处罚) matches nothing the word
    /// does not, so it is left out.
    static func synonyms(of word: String, vocabulary: QueryVocabulary) -> [String] {
        var out: [String] = []
        let keys = vocabulary.synonyms.keys.filter { word.utf8.count >= $0.utf8.count && contains(word, $0) }
            .sorted { $0.utf8.count != $1.utf8.count ? $0.utf8.count > $1.utf8.count : $0 < $1 }
        for key in keys {
            for other in vocabulary.synonyms[key] ?? [] where out.count < 6 {
                let variant = key == word ? other : replacing(key, with: other, in: word)
                if variant != word, !out.contains(variant), !contains(variant, word) { out.append(variant) }
            }
        }
        return out
    }

    struct Piece {
        var text: String
        var start: Int
        var end: Int
        var han: Bool
        /// Built from single Han characters (a run the dictionary did not know).
        var singles = false
        var single: Bool { han && text.unicodeScalars.count == 1 }
    }

    /// One whitespace-free term as words.
    static func segment(_ term: String, tokenizer: ChineseTokenizer, vocabulary: QueryVocabulary) -> [String] {
        let tokens = tokenizer.tokens(term, mode: .words).map {
            Piece(text: $0.text, start: $0.start, end: $0.end, han: $0.text.unicodeScalars.first.map(isHan) ?? false)
        }
        guard !tokens.isEmpty else { return [] }
        // Vocabulary keys first, longest run of adjacent tokens.
        var merged: [Piece] = []
        var i = 0
        while i < tokens.count {
            var taken = 1
            if vocabulary.longestKey > 1 {
                var j = i + 1
                var text = tokens[i].text
                while j < tokens.count, tokens[j].start == tokens[j - 1].end {
                    text += tokens[j].text
                    if text.unicodeScalars.count > vocabulary.longestKey { break }
                    j += 1
                    if vocabulary.isKey(text) { taken = j - i }
                }
            }
            var piece = tokens[i]
            if taken > 1 {
                piece.text = tokens[i..<(i + taken)].map(\.text).joined()
                piece.end = tokens[i + taken - 1].end
                piece.han = false  // never merged again below
                merged.append(piece)
            } else {
                merged.append(piece)
            }
            i += taken
        }
        // Latin/digit runs and runs of single Han characters.
        var out: [Piece] = []
        for piece in merged {
            if var last = out.last, !vocabulary.isKey(last.text), !vocabulary.isKey(piece.text) {
                let lastLatin = !(last.text.unicodeScalars.first.map(isHan) ?? false)
                let pieceLatin = !(piece.text.unicodeScalars.first.map(isHan) ?? false)
                if lastLatin && pieceLatin {
                    last.text += " " + piece.text
                    last.end = piece.end
                    out[out.count - 1] = last
                    continue
                }
                if piece.single, last.end == piece.start, last.single || last.singles {
                    last.text += piece.text
                    last.end = piece.end
                    last.singles = true
                    out[out.count - 1] = last
                    continue
                }
            }
            out.append(piece)
        }
        return out.map(\.text)
    }

    /// Byte-wise substring test on folded text (Foundation's `contains` goes through
    /// CFString and locale-aware comparison, far slower for these short strings). UTF-8
    /// is self-synchronizing, so a byte match is a character match.
    public static func contains(_ text: String, _ part: String) -> Bool {
        Array(text.utf8).firstRange(of: Array(part.utf8)) != nil
    }

    /// `text` with every occurrence of `part` replaced, byte-wise.
    public static func replacing(_ part: String, with replacement: String, in text: String) -> String {
        String(decoding: Array(text.utf8).replacing(Array(part.utf8), with: Array(replacement.utf8)), as: UTF8.self)
    }
}

extension QueryWords {
    /// A name search (/orgs?name=, the credit lists, autocomplete): every word of `text`
    /// (or one of its synonyms) in the `title` column, in any order, as search matches
    /// them; nil when nothing searchable was typed.
    public static func nameExpression(_ text: String, tokenizer: ChineseTokenizer, vocabulary: QueryVocabulary) -> MatchExpression? {
        let words = words(text, tokenizer: tokenizer, vocabulary: QueryVocabulary(synonyms: vocabulary.synonyms))
        guard !words.isEmpty else { return nil }
        var e = MatchExpression()
        for (i, word) in words.enumerated() {
            if i > 0 { e.append(" AND ") }
            e.append("(")
            for (j, alternative) in ([word.text] + word.synonyms).enumerated() {
                if j > 0 { e.append(" OR ") }
                e.phrase(alternative, weight: 1, group: i)
            }
            e.append(")")
        }
        return e.restricted(to: ["title"])
    }

    /// SQL for the entry refs of one kind whose name matches the bound expression.
    public static func nameMatchSQL(kind: String) -> String {
        "SELECT e.ref FROM record_search r JOIN entry e ON e.id = r.rowid WHERE record_search MATCH ? AND r.kind = '\(kind)'"
    }
}
