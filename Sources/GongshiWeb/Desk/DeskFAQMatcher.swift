import Foundation
import GongshiDesk

/// Which published desk FAQ entries answer a question asked on /ask: those whose question
/// shares most of its character pairs with it (overlap of bigram sets ≥ `threshold`,
/// punctuation ignored). Plain and predictable; the Q&A itself learns from the entries
/// only at the next index run (through the qa-pairs file).
enum DeskFAQMatcher {
    static let threshold = 0.6

    static func matches(_ question: String, in entries: [PublishedFAQ], limit: Int = 2) -> [PublishedFAQ] {
        let asked = bigrams(question)
        guard !asked.isEmpty else { return [] }
        return entries.compactMap { entry -> (PublishedFAQ, Double)? in
            let known = bigrams(entry.question)
            guard !known.isEmpty else { return nil }
            let score = Double(asked.intersection(known).count) / Double(min(asked.count, known.count))
            return score >= threshold ? (entry, score) : nil
        }.sorted { $0.1 > $1.1 }.prefix(limit).map(\.0)
    }

    static func bigrams(_ text: String) -> Set<String> {
        let chars = Array(text.lowercased().filter { $0.isLetter || $0.isNumber })
        guard chars.count > 1 else { return chars.isEmpty ? [] : [String(chars)] }
        return Set((0..<chars.count - 1).map { String(chars[$0...$0 + 1]) })
    }
}
