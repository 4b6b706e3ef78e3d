import Foundation

/// Topics: the distinctive words of a unit's opening sentence (清算, 注销 in 社会团体应当自清算结束之日起15日内…
/// 办理注销登记), which say what the unit is about. A question that asks about a neighbouring matter
/// (社团登记多久) should not get the article about 注销 first: the ranking takes a weight chosen on
/// held-aside pairs (`Weights.topic`) off a unit whose topics people ask with (learned questions
/// use them: a question meaning them would name them) when the expanded question covers none.
extension AnswerTrainer {
    /// A word in at least this share of its document's units is that document's generic vocabulary
    /// (登记 in the 登记条例), not a topic (documents of at least `minTopicDocumentUnits` units).
    static let topicDocumentShare: Double = 0.25
    static let minTopicDocumentUnits = 4
    /// … and a word in more than this share of all units is too common to be a topic.
    static let maxTopicShare: Double = 0.1

    /// The topic words of each unit's opening sentence (distinct term ids, in order): not a single
    /// character, not generic in its document, not common in the corpus.
    static func topicTerms(openingTerms: [[Int32]], unitTerms: [[Int32]], unitDocument: [UInt32], names: [String]) -> [[Int32]] {
        var frequency: [Int32: Int] = [:]
        var perDocument: [UInt32: [Int32: Int]] = [:]
        var documentUnits: [UInt32: Int] = [:]
        for (u, terms) in unitTerms.enumerated() {
            let d = unitDocument[u]
            documentUnits[d, default: 0] += 1
            for t in terms {
                frequency[t, default: 0] += 1
                perDocument[d, default: [:]][t, default: 0] += 1
            }
        }
        let maxUnits = max(1, Int(Double(unitTerms.count) * maxTopicShare))
        return openingTerms.enumerated().map { u, opening in
            let d = unitDocument[u]
            let units = documentUnits[d] ?? 0
            var seen: Set<Int32> = []
            return opening.filter { t in
                guard names[Int(t)].count > 1, (frequency[t] ?? 0) <= maxUnits, seen.insert(t).inserted else { return false }
                guard units >= minTopicDocumentUnits else { return true }
                return Double(perDocument[d]?[t] ?? 0) / Double(units) < topicDocumentShare
            }
        }
    }
}
