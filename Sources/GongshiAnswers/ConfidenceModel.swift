import Foundation

/// How likely the first answer is right, as a logistic model over features of the answer
/// (`AnswerModel.confidenceFeatures`): its coverage of the question, its lead over the second,
/// the learned questions' votes for it, whether it has what the question asks for, whether the
/// learned ranking and the re-ranking agree… Fitted by `AnswerTrainer` on questions held aside
/// from learning (each answered by a model that did not learn from it), so that a probability
/// read off it is one measured on unseen questions, not a hand-set score.
struct ConfidenceModel: Sendable, Equatable {
    /// Intercept, then one coefficient per feature.
    var coefficients: [Float]

    /// L2 penalty on the coefficients (not the intercept): a few hundred questions and a dozen
    /// correlated features would otherwise give large, unstable weights.
    static let penalty = 1.0
    static let iterations = 25

    func probability(_ features: [Float]) -> Float {
        guard coefficients.count == features.count + 1 else { return 0 }
        var z = Double(coefficients[0])
        for (c, f) in zip(coefficients.dropFirst(), features) { z += Double(c) * Double(f) }
        return Float(1 / (1 + exp(-z)))
    }

    /// Maximum-likelihood logistic regression with an L2 penalty, by Newton's method from zero:
    /// deterministic (fixed order, fixed number of steps), a dozen features solved exactly.
    /// Nil without both right and wrong examples.
    static func fit(_ examples: [(features: [Float], right: Bool)]) -> ConfidenceModel? {
        guard let width = examples.first?.features.count, examples.allSatisfy({ $0.features.count == width }),
            examples.contains(where: \.right), examples.contains(where: { !$0.right })
        else { return nil }
        let n = width + 1
        var w = [Double](repeating: 0, count: n)
        for _ in 0..<iterations {
            var gradient = [Double](repeating: 0, count: n)
            var hessian = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
            for e in examples {
                let x = [1.0] + e.features.map(Double.init)
                let z = zip(w, x).reduce(0.0) { $0 + $1.0 * $1.1 }
                let p = 1 / (1 + exp(-z))
                let y = e.right ? 1.0 : 0.0
                let s = max(p * (1 - p), 1e-9)
                for i in 0..<n {
                    gradient[i] += (y - p) * x[i]
                    for j in 0..<n { hessian[i][j] += s * x[i] * x[j] }
                }
            }
            for i in 1..<n {
                gradient[i] -= penalty * w[i]
                hessian[i][i] += penalty
            }
            guard let step = solve(hessian, gradient) else { break }
            for i in 0..<n { w[i] += step[i] }
        }
        guard w.allSatisfy(\.isFinite) else { return nil }
        return ConfidenceModel(coefficients: w.map { Float($0) })
    }

    /// `a x = b` by Gaussian elimination with partial pivoting; nil when singular.
    static func solve(_ a: [[Double]], _ b: [Double]) -> [Double]? {
        var m = a
        var v = b
        let n = v.count
        for col in 0..<n {
            var pivot = col
            for r in col..<n where abs(m[r][col]) > abs(m[pivot][col]) { pivot = r }
            guard abs(m[pivot][col]) > 1e-12 else { return nil }
            m.swapAt(col, pivot)
            v.swapAt(col, pivot)
            for r in (col + 1)..<n {
                let f = m[r][col] / m[col][col]
                guard f != 0 else { continue }
                for c in col..<n { m[r][c] -= f * m[col][c] }
                v[r] -= f * v[col]
            }
        }
        var x = [Double](repeating: 0, count: n)
        for r in stride(from: n - 1, through: 0, by: -1) {
            var s = v[r]
            for c in (r + 1)..<n { s -= m[r][c] * x[c] }
            x[r] = s / m[r][r]
        }
        return x
    }
}
