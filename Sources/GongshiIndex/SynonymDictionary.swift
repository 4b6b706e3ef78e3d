import Foundation

/// The synonym and abbreviation dictionary (`Corpus/synonyms.txt`): one group per line,
/// terms separated by `=`, `#` starts a comment. 民非 = 民办非企业单位 = 社会服务机构
public enum SynonymDictionary {
    public static func parse(_ text: String) -> [[String]] {
        var groups: [[String]] = []
        for line in text.split(whereSeparator: \.isNewline) {
            let content = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let terms = content.split(separator: "=").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if terms.count >= 2 { groups.append(terms) }
        }
        return groups
    }
}
