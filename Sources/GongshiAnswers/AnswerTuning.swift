import Foundation
import GongshiStore

/// Chooses the ranking weights (`AnswerModel.Weights`) by coordinate ascent: the stored model
/// answers a question set under one changed weight at a time, and a change is kept when it
/// raises MRR@10 + recall@10. For `gongshi bench-qa --tune --search` only, on questions
/// the model did not learn from and that are not the reporting part; what it prints is
/// copied into the defaults by hand.
public struct AnswerTuning {
    public struct Figures: Sendable {
        public var mrr10 = 0.0
        public var recall10 = 0.0
        /// Per question: the confidence score and whether the first answer was relevant.
        public var outcomes: [(score: Float, right: Bool)] = []
        /// Per question: the confidence features (`AnswerModel.confidenceFeatures`) and the rank of
        /// the first relevant answer (0: none in 10).
        public var features: [(values: [Float], rank: Int)] = []
        public var objective: Double { mrr10 + recall10 }

        /// The largest share of questions that, taken by falling confidence score, had their first
        /// answer right at least `precision` of the time (at least 15 questions): how well the
        /// confidence score separates right from wrong answers.
        public func confidentShare(precision: Double) -> Double {
            let sorted = outcomes.sorted { $0.score > $1.score }
            var right = 0
            var best = 0
            for (i, o) in sorted.enumerated() {
                if o.right { right += 1 }
                let n = i + 1
                if n >= 15, Double(right) / Double(n) >= precision, i + 1 == sorted.count || sorted[i + 1].score < o.score { best = n }
            }
            return Double(best) / Double(max(sorted.count, 1))
        }
    }

    public let engine: AnswerEngine
    /// Weights to start from instead of the stored model's.
    public var start: [String: Float] = [:]

    public init(engine: AnswerEngine) { self.engine = engine }

    /// The weights' names and current values of the stored model (empty without one).
    public func weights() throws(AnswerError) -> [(String, Float)] {
        guard let model = try storedModel() else { return [] }
        return zip(AnswerModel.Weights.names, model.weights.values).map { ($0, start[$0] ?? $1) }
    }

    /// Figures of `cases` under `values` (in `AnswerModel.Weights.names` order).
    public func evaluate(_ cases: [AnswerEvaluation.Case], values: [Float]) throws(AnswerError) -> Figures {
        guard var model = try storedModel() else { return Figures() }
        model.weights.values = values
        do {
            return try engine.database.pool.read { db in
                var figures = Figures()
                for c in cases {
                    let result = try engine.learnedResult(c.q, model: model, limit: 10, db: db)
                    let answers = result.response.answers
                    let first = answers.first.map { a in c.relevant.contains { AnswerEvaluation.matches(a, $0) } } ?? false
                    figures.outcomes.append((result.confidenceScore, first))
                    let rank = answers.firstIndex(where: { a in c.relevant.contains { AnswerEvaluation.matches(a, $0) } })
                    if let rank { figures.mrr10 += 1 / Double(rank + 1) }
                    figures.features.append((result.confidenceFeatures, rank.map { $0 + 1 } ?? 0))
                    let found = c.relevant.filter { r in answers.contains { AnswerEvaluation.matches($0, r) } }.count
                    figures.recall10 += Double(found) / Double(max(c.relevant.count, 1))
                }
                let n = Double(max(cases.count, 1))
                figures.mrr10 /= n
                figures.recall10 /= n
                return figures
            }
        } catch let error as AnswerError {
            throw error
        } catch {
            throw .store(StoreError.wrap(error, path: engine.database.path))
        }
    }

    /// Coordinate ascent from the stored weights over each weight's `candidates`; returns the
    /// best values found. `log` gets one line per setting tried.
    public func search(
        _ cases: [AnswerEvaluation.Case], candidates: [String: [Float]], rounds: Int,
        log: (String) -> Void
    ) throws(AnswerError) -> [Float] {
        var current = try weights().map(\.1)
        guard !current.isEmpty else { return [] }
        var best = try evaluate(cases, values: current)
        log(String(format: "start: MRR@10 %.3f recall@10 %.3f  %@", best.mrr10, best.recall10, describe(current)))
        for round in 0..<rounds {
            var changed = false
            for (i, name) in AnswerModel.Weights.names.enumerated() {
                for value in candidates[name] ?? [] where value != current[i] {
                    var trial = current
                    trial[i] = value
                    let figures = try evaluate(cases, values: trial)
                    let kept = figures.objective > best.objective + 0.002
                    log(
                        String(
                            format: "round %d %@ = %g: MRR@10 %.3f recall@10 %.3f%@", round + 1, name, Double(value),
                            figures.mrr10, figures.recall10, kept ? "  (kept)" : ""))
                    if kept {
                        best = figures
                        current = trial
                        changed = true
                    }
                }
            }
            if !changed { break }
        }
        log(String(format: "best: MRR@10 %.3f recall@10 %.3f  %@", best.mrr10, best.recall10, describe(current)))
        return current
    }

    func describe(_ values: [Float]) -> String {
        zip(AnswerModel.Weights.names, values).map { "\($0)=\($1)" }.joined(separator: " ")
    }

    private func storedModel() throws(AnswerError) -> AnswerModel? {
        do {
            return try engine.database.pool.read { db in try engine.learnedModel(db: db) }
        } catch {
            throw .store(StoreError.wrap(error, path: engine.database.path))
        }
    }
}
