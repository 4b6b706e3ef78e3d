import Foundation
import GongshiStore

/// Reads `<corpus>/qa-pairs/*.jsonl`: one JSON object a line in the `dev-qa.jsonl` shape,
/// `{"id", "q", "relevant": [{"title", "article"}]}`. Relevant passages given by
/// `contains` instead of an article number are not learned from (they name no unit);
/// a line left with no article is skipped without complaint.
public enum QAPairParser {
    /// Bound on a question, as on a question asked (`QuestionAnalyzer.maxQuestionCharacters`).
    static let maxQuestionCharacters = 500
    static let maxRelevant = 50

    private struct Line: Decodable {
        struct Relevant: Decodable {
            var title: String
            var article: Int?
            var contains: String?
        }
        var id: String?
        var q: String?
        var relevant: [Relevant]?
    }

    public static func parse(_ text: String, file: String) -> (pairs: [(line: Int, pair: QAPair)], problems: [RowProblem]) {
        var pairs: [(Int, QAPair)] = []
        var problems: [RowProblem] = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = i + 1
            let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { continue }
            let decoded: Line
            do {
                decoded = try JSONDecoder().decode(Line.self, from: Data(trimmed.utf8))
            } catch {
                problems.append(RowProblem(file: file, line: line, field: "行", why: "不是有效的 JSON 对象"))
                continue
            }
            guard let q = decoded.q?.trimmingCharacters(in: .whitespaces), !q.isEmpty else {
                problems.append(RowProblem(file: file, line: line, field: "q", why: "缺少问题"))
                continue
            }
            guard q.count <= maxQuestionCharacters else {
                problems.append(RowProblem(file: file, line: line, field: "q", why: "问题超过 \(maxQuestionCharacters) 个字"))
                continue
            }
            guard let relevant = decoded.relevant, !relevant.isEmpty, relevant.count <= maxRelevant else {
                problems.append(RowProblem(file: file, line: line, field: "relevant", why: "应为 1 到 \(maxRelevant) 个条款"))
                continue
            }
            if let bad = relevant.first(where: { $0.title.trimmingCharacters(in: .whitespaces).isEmpty || ($0.article ?? 1) < 1 }) {
                problems.append(RowProblem(file: file, line: line, field: "relevant", why: "条款应有文件标题和正整数条号（\(bad.title)）"))
                continue
            }
            let articles = relevant.compactMap { r in r.article.map { QAPair.Article(title: r.title, article: $0) } }
            if articles.isEmpty { continue }
            pairs.append((line, QAPair(id: decoded.id ?? "\(file):\(line)", question: q, relevant: articles)))
        }
        return (pairs, problems)
    }
}
