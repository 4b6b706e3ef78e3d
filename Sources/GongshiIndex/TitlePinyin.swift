import GongshiStore

/// Pinyin for titles and names, memoised per word: ICU's Han-Latin transliterator costs
/// tens of microseconds a call, and organization names reuse the same words endlessly.
final class TitlePinyin {
    let tokenizer: ChineseTokenizer
    private var memo: [String: [String]] = [:]

    static let maxTitleWords = 16

    init(tokenizer: ChineseTokenizer) { self.tokenizer = tokenizer }

    /// Toneless syllables of a word ("基金会" -> ["ji", "jin", "hui"]).
    func syllables(of word: String) -> [String]? {
        if let known = memo[word] { return known }
        guard let pinyin = tokenizer.pinyin(word) else { return nil }
        let syllables = pinyin.split(separator: " ").map(String.init)
        if memo.count < 200_000 { memo[word] = syllables }
        return syllables
    }

    /// A word's part of the pinyin column: its syllables joined, and their initials.
    private struct WordPinyin {
        let full: String
        let initials: String
        let isEmpty: Bool
    }
    private var columnMemo: [String: WordPinyin] = [:]

    private func wordPinyin(_ word: String) -> WordPinyin {
        if let known = columnMemo[word] { return known }
        let syllables = word.unicodeScalars.contains { $0.properties.isIdeographic } ? (syllables(of: word) ?? []) : []
        let result = WordPinyin(full: syllables.joined(), initials: String(syllables.compactMap(\.first)), isEmpty: syllables.isEmpty)
        if columnMemo.count < 200_000 { columnMemo[word] = result }
        return result
    }

    /// The pinyin column of a title: for every word where a suffix of the title starts,
    /// that suffix's full pinyin and its initials, as single tokens.
    func column(for title: String) -> String {
        column(forWords: tokenizer.words(title))
    }

    /// The same, for a title already segmented by `ChineseTokenizer.words`.
    func column(forWords titleWords: [String]) -> String {
        let words = titleWords.prefix(Self.maxTitleWords).map(wordPinyin)
        guard words.contains(where: { !$0.isEmpty }) else { return "" }
        // Suffixes built from the end, each from the next one.
        var full = [String](repeating: "", count: words.count + 1)
        var initials = [String](repeating: "", count: words.count + 1)
        for i in words.indices.reversed() {
            full[i] = words[i].full + full[i + 1]
            initials[i] = words[i].initials + initials[i + 1]
        }
        var column = ""
        for start in words.indices where !words[start].isEmpty {
            if !column.isEmpty { column += " " }
            column += full[start]
            column += " "
            column += initials[start]
        }
        return column
    }
}
