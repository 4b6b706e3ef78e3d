import Foundation
import GongshiStore

/// Runs a Q&A question set (`dev-qa.jsonl`) through `AnswerEngine.answer`, the same path
/// as the CLI and the web: top-1 and top-3 accuracy and MRR@10.
public struct AnswerEvaluation {
    public struct Relevant: Codable, Sendable {
        public var title: String
        public var article: Int?
        public var contains: String?
    }

    public struct Case: Codable, Sendable {
        public var id: String
        public var q: String
        public var relevant: [Relevant]
    }

    public struct Outcome: Sendable {
        public var id: String
        public var question: String
        /// 1-based rank of the first relevant answer among the first 10; nil when absent.
        public var rank: Int?
        public var confidence: AnswerConfidence
        /// What came first, for failing cases: 《title》label.
        public var top: String?
        public var expected: String
        /// Distinct relevant articles, and how many of them are among the first 10 and 100.
        public var relevantCount = 0
        public var found10 = 0
        public var found100 = 0
    }

    public struct Summary: Sendable {
        public var cases: Int
        public var top1: Double
        public var top3: Double
        public var mrr10: Double
        /// Mean share of a question's relevant articles among the first 10 (100) answers.
        public var recall10: Double = 0
        public var recall100: Double = 0
        /// Per confidence level: share of the questions at that level, and how often the
        /// first answer was relevant (precision) at that level.
        public var levels: [(level: AnswerConfidence, share: Double, precision: Double, count: Int)] = []
    }

    /// The split rule for learning and reporting: a question whose id's number (T125 -> 125)
    /// is divisible by 5 is in the reporting part; the others may be learned from.
    public static func isReporting(id: String) -> Bool { idNumber(id).map { $0 % 5 == 0 } ?? false }

    /// The digits of an id as a number (D07 -> 7); nil without digits.
    public static func idNumber(_ id: String) -> Int? { Int(id.filter(\.isASCII).filter(\.isNumber).prefix(12)) }

    public let engine: AnswerEngine

    public init(engine: AnswerEngine) { self.engine = engine }

    public static func cases(jsonLines: String) throws -> [Case] {
        try jsonLines.split(whereSeparator: \.isNewline).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map {
            try JSONDecoder().decode(Case.self, from: Data($0.utf8))
        }
    }

    public func run(_ cases: [Case]) throws(AnswerError) -> [Outcome] {
        var outcomes: [Outcome] = []
        for c in cases {
            let response = try engine.answer(c.q, limit: 100)
            let rank = response.answers.prefix(10).firstIndex { answer in c.relevant.contains { Self.matches(answer, $0) } }.map { $0 + 1 }
            // Recall counts each relevant item once (the same article listed twice is one).
            func found(_ n: Int) -> Int { c.relevant.indices.filter { i in response.answers.prefix(n).contains { Self.matches($0, c.relevant[i]) } }.count }
            let top = response.answers.first.map { "《\($0.document.title)》\($0.article?.label ?? $0.section?.label ?? "")" }
            let expected = c.relevant.map { "《\($0.title)》" + ($0.article.map { "第\($0)条" } ?? "「\($0.contains ?? "")」") }.joined(separator: "或")
            outcomes.append(
                Outcome(
                    id: c.id, question: c.q, rank: rank, confidence: response.confidence, top: top, expected: expected,
                    relevantCount: c.relevant.count, found10: found(10), found100: found(100)))
        }
        return outcomes
    }

    public static func summary(_ outcomes: [Outcome]) -> Summary {
        let n = Double(max(outcomes.count, 1))
        var summary = Summary(
            cases: outcomes.count,
            top1: Double(outcomes.filter { $0.rank == 1 }.count) / n,
            top3: Double(outcomes.filter { ($0.rank ?? 99) <= 3 }.count) / n,
            mrr10: outcomes.map { $0.rank.map { 1 / Double($0) } ?? 0 }.reduce(0, +) / n)
        summary.recall10 = outcomes.map { Double($0.found10) / Double(max($0.relevantCount, 1)) }.reduce(0, +) / n
        summary.recall100 = outcomes.map { Double($0.found100) / Double(max($0.relevantCount, 1)) }.reduce(0, +) / n
        for level in [AnswerConfidence.high, .medium, .low] {
            let at = outcomes.filter { $0.confidence == level }
            summary.levels.append((level, Double(at.count) / n, at.isEmpty ? 0 : Double(at.filter { $0.rank == 1 }.count) / Double(at.count), at.count))
        }
        return summary
    }

    static func matches(_ answer: Answer, _ relevant: Relevant) -> Bool {
        guard EvaluationTitle.normalized(answer.document.title) == EvaluationTitle.normalized(relevant.title) else { return false }
        if let article = relevant.article { return answer.article?.number == article }
        if let text = relevant.contains, !text.isEmpty { return answer.text.contains(text) }
        return true
    }
}
