import Foundation

/// Subjects: the kinds of organization or matter a document is about (慈善, 基金会, 境外非政府组织,
/// 民办非企业单位), read off the corpus, and the subjects each unit's opening sentence names
/// (设立慈善组织，…; 境外非政府组织应当…). A question that names none of a unit's subjects is
/// not about what that unit is written for: the ranking scores such a unit below one written
/// for no particular subject, by a weight chosen on held-aside pairs (`Weights.subject`).
extension AnswerTrainer {
    /// A title word names a subject when at least half the units using it (in their text) belong
    /// to documents whose title has it: 慈善 is used mostly in the 慈善 documents, 登记 everywhere.
    static let subjectOwnership: Double = 0.5
    /// … and when it is in at most this share of the titles (中华人民共和国, 条例, 办法 are not subjects).
    static let maxSubjectTitleShare: Double = 0.25
    /// … and is used by at least this many units.
    static let minSubjectUnits = 3

    /// The subject words of the corpus (term ids, sorted), from each unit's distinct text terms,
    /// its document, and each document's title terms in order. A title's last word says what
    /// kind of document it is (法, 条例, 办法), not what it is about, and a single character says
    /// too little (民, 非): neither is a subject word.
    static func subjectTerms(unitTerms: [[Int32]], unitDocument: [UInt32], titleTerms titleWords: [[Int32]], names: [String]) -> [Int32] {
        guard !titleWords.isEmpty else { return [] }
        let titleTerms = titleWords.map(Set.init)
        let kinds = Set(titleWords.compactMap(\.last))
        var titles: [Int32: Int] = [:]
        for title in titleTerms { for t in title where !kinds.contains(t) && names[Int(t)].count > 1 { titles[t, default: 0] += 1 } }
        let maxTitles = max(1, Int(Double(titleTerms.count) * maxSubjectTitleShare))
        var used: [Int32: Int] = [:]
        var own: [Int32: Int] = [:]
        for (u, terms) in unitTerms.enumerated() {
            let title = titleTerms[Int(unitDocument[u])]
            for t in terms where titles[t] != nil {
                used[t, default: 0] += 1
                if title.contains(t) { own[t, default: 0] += 1 }
            }
        }
        return titles.keys.sorted().filter { t in
            guard let n = used[t], n >= minSubjectUnits, let count = titles[t], count <= maxTitles else { return false }
            return Double(own[t] ?? 0) / Double(n) >= subjectOwnership
        }
    }

    /// The opening sentence of a unit's text (to the first 。 or ；): where an article says whom
    /// or what it is about.
    static func openingSentence(_ text: String) -> Substring {
        text.prefix { $0 != "。" && $0 != "；" && $0 != ";" }
    }
}
