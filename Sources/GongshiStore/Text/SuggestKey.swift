/// The keys of the organization-name autocomplete (联想).
///
/// A name gets one key per dictionary word where a suffix of it starts (成都市武侯区退役军人
/// 服务协会 → 成都市武侯区…, 武侯区…, 退役军人服务协会, 服务协会), so a prefix range scan on an
/// ordinary B-tree index finds names by their start or by a word in the middle, in time
/// that does not grow with the number of organizations. Keys are folded like the search
/// index (Simplified, NFKC, lower case, punctuation dropped) and cut to `maxCharacters`.
public enum SuggestKey {
    public static let maxCharacters = 12
    /// Word starts indexed per name (the full name is always the first).
    public static let maxKeysPerName = 6
    /// Suffixes shorter than this are not keys (协会, 中心 would match half the index).
    public static let minCharacters = 3

    /// (key, character position of the suffix in the folded name) for a name, given as
    /// `ChineseTokenizer.words` segments it (the indexer segments each name once, for these
    /// keys and for its pinyin).
    public static func keys(forWords words: [String]) -> [(key: String, position: Int)] {
        var keys: [(String, Int)] = []
        var position = 0
        var seen = Set<String>()
        for start in words.indices {
            defer { position += words[start].count }
            // A one-character word is mostly a broken segmentation (武/侯/区), not a word
            // anyone types first.
            if start > words.startIndex && words[start].count < 2 { continue }
            let suffix = words[start...].joined()
            guard suffix.count >= minCharacters else { break }
            let key = String(suffix.prefix(maxCharacters))
            guard seen.insert(key).inserted else { continue }
            keys.append((key, position))
            if keys.count == maxKeysPerName { break }
        }
        return keys
    }

    /// A typed prefix folded the way keys are; nil when nothing is left.
    public static func fold(_ text: String, tokenizer: ChineseTokenizer) -> String? {
        let folded = tokenizer.words(String(text.prefix(64))).joined()
        guard !folded.isEmpty else { return nil }
        return String(folded.prefix(maxCharacters))
    }
}
