import GongshiStore
import Foundation

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
    }

    public struct Summary: Sendable {
        public var cases: Int
        public var top1: Double
        public var top3: Double
        public var mrr10: Double
    }

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
            let response = try engine.answer(c.q, limit: 10)
            let rank = response.answers.firstIndex { answer in c.relevant.contains { Self.matches(answer, $0) } }.map { $0 + 1 }
            let top = response.answers.first.map { "《\($0.document.title)》\($0.article?.label ?? $0.section?.label ?? "")" }
            let expected = c.relevant.map { "《\($0.title)》" + ($0.article.map { "第\($0)条" } ?? "「\($0.contains ?? "")」") }.joined(separator: "或")
            outcomes.append(Outcome(id: c.id, question: c.q, rank: rank, confidence: response.confidence, top: top, expected: expected))
        }
        return outcomes
    }

    public static func summary(_ outcomes: [Outcome]) -> Summary {
        let n = Double(max(outcomes.count, 1))
        return Summary(cases: outcomes.count,
                       top1: Double(outcomes.filter { $0.rank == 1 }.count) / n,
                       top3: Double(outcomes.filter { ($0.rank ?? 99) <= 3 }.count) / n,
                       mrr10: outcomes.map { $0.rank.map { 1 / Double($0) } ?? 0 }.reduce(0, +) / n)
    }

    static func matches(_ answer: Answer, _ relevant: Relevant) -> Bool {
        guard EvaluationTitle.normalized(answer.document.title) == EvaluationTitle.normalized(relevant.title) else { return false }
        if let article = relevant.article { return answer.article?.number == article }
        if let text = relevant.contains, !text.isEmpty { return answer.text.contains(text) }
        return true
    }
}
