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

    /// The pinyin column of a title: for every word where a suffix of the title starts,
    /// that suffix's full pinyin and its initials, as single tokens.
    func column(for title: String) -> String {
        let words = tokenizer.words(title).prefix(Self.maxTitleWords).map { word in
            word.unicodeScalars.contains { $0.properties.isIdeographic } ? (syllables(of: word) ?? []) : []
        }
        guard words.contains(where: { !$0.isEmpty }) else { return "" }
        var tokens: [String] = []
        for start in words.indices where !words[start].isEmpty {
            let rest = words[start...].flatMap { $0 }
            tokens.append(rest.joined())
            tokens.append(String(rest.compactMap(\.first)))
        }
        return tokens.joined(separator: " ")
    }
}
