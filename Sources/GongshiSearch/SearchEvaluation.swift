import Foundation
import GRDB
import GongshiStore

/// Runs search cases (`dev-search.jsonl` format) through the real search path:
/// every expected document or passage must be among the first 10 results.
public struct SearchEvaluation {
    public struct Expectation: Codable, Sendable {
        public var title: String
        public var contains: String?
        public var article: Int?
    }

    public struct Case: Codable, Sendable {
        public var id: String
        public var q: String
        public var expect: [Expectation]?
        public var why: String?
    }

    public struct Outcome: Sendable {
        public var id: String
        public var query: String
        public var passed: Bool
        public var missing: [String]
    }

    public let engine: SearchEngine

    public init(engine: SearchEngine) { self.engine = engine }

    /// Reads the cases of a JSON Lines file; lines without `expect` (Q&A cases) are skipped.
    public static func cases(jsonLines: String) throws -> [Case] {
        try jsonLines.split(whereSeparator: \.isNewline).compactMap { line in
            let c = try JSONDecoder().decode(Case.self, from: Data(line.utf8))
            return c.expect == nil ? nil : c
        }
    }

    /// Titles compare without a leading 中华人民共和国 and trailing parentheses.
    public static func normalizeTitle(_ title: String) -> String { EvaluationTitle.normalized(title) }

    public func run(_ cases: [Case]) throws(SearchError) -> [Outcome] {
        var outcomes: [Outcome] = []
        for c in cases {
            let response = try engine.search(SearchRequest(query: c.q, limit: 10))
            let passages = try passagesOf(response.results)
            var missing: [String] = []
            for e in c.expect ?? [] {
                let title = Self.normalizeTitle(e.title)
                let found = passages.contains { p in
                    guard Self.normalizeTitle(p.title) == title else { return false }
                    if let article = e.article { return p.article == article }
                    if let text = e.contains, !text.isEmpty { return p.text.contains(text) }
                    return true
                }
                if !found { missing.append(e.article.map { "\(e.title) 第\($0)条" } ?? "\(e.title)「\(e.contains ?? "")」") }
            }
            outcomes.append(Outcome(id: c.id, query: c.q, passed: missing.isEmpty, missing: missing))
        }
        return outcomes
    }

    struct Passage {
        let title: String
        let article: Int?
        let text: String
    }

    private func passagesOf(_ results: [SearchResult]) throws(SearchError) -> [Passage] {
        do {
            return try engine.database.pool.read { db in
                try results.compactMap { r -> Passage? in
                    switch r.kind {
                    case "policy":
                        guard let row = try Row.fetchOne(db, sql: "SELECT preamble, doc_number FROM document WHERE id = ?", arguments: [r.id]) else {
                            return nil
                        }
                        let text = [row["doc_number"] as String?, row["preamble"] as String?].compactMap { $0 }.joined(separator: "\n")
                        return Passage(title: r.title, article: nil, text: text)
                    case "article":
                        let parts = r.id.split(separator: "#", maxSplits: 1).map(String.init)
                        guard parts.count == 2,
                            let row = try Row.fetchOne(
                                db, sql: "SELECT number, text FROM unit WHERE document_id = ? AND anchor = ?", arguments: [parts[0], parts[1]])
                        else { return nil }
                        return Passage(title: r.title, article: row["number"], text: row["text"])
                    default:
                        return nil
                    }
                }
            }
        } catch {
            throw .store(StoreError.wrap(error))
        }
    }
}
