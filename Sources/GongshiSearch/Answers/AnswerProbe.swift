import Foundation
import GRDB

// TEMPORARY: timing probe for the Q&A retrieval (removed before commit).
extension AnswerEngine {
    public func probe(_ question: String) throws {
        try database.pool.read { db in
            func ms(_ t0: UInt64) -> Double { Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6 }
            var t = DispatchTime.now().uptimeNanoseconds
            let (analysis, _) = try probeAnalyze(question, db: db)
            print(String(format: "Q %@ analyze %.2f ms, %d concepts", question, ms(t), analysis.concepts.count))
            var e = MatchExpression()
            var first = true
            for concept in analysis.concepts {
                for (i, alternative) in concept.alternatives.prefix(3).enumerated() {
                    if !first { e.append(" OR ") }
                    e.phrase(alternative, weight: concept.weight * (i == 0 ? 1 : 0.9))
                    first = false
                }
            }
            guard !first else { return }
            e = e.restricted(to: ["title", "label", "body"])
            let weights = [2.0, 1.5, 1.0, 0.0, 0.0, 0.0] + e.phraseWeights
            let ph = Array(repeating: "?", count: weights.count).joined(separator: ", ")
            for (name, sql) in [
                ("current", "SELECT rowid, gongshi_rank(doc_search, \(ph)) AS score FROM doc_search WHERE doc_search MATCH ? AND kind IN ('article', 'section') ORDER BY score LIMIT 150"),
                ("nokind", "SELECT rowid, gongshi_rank(doc_search, \(ph)) AS score FROM doc_search WHERE doc_search MATCH ? ORDER BY score LIMIT 150"),
                ("tf-nokind", "SELECT rowid, gongshi_rank_tf(doc_search, \(ph)) AS score FROM doc_search WHERE doc_search MATCH ? ORDER BY score LIMIT 150"),
            ] {
                t = DispatchTime.now().uptimeNanoseconds
                let rows = try Row.fetchAll(db, sql: sql, arguments: StatementArguments(weights) + [e.text])
                print(String(format: "  %@ %.2f ms (%d)", name, ms(t), rows.count))
            }
            t = DispatchTime.now().uptimeNanoseconds
            let n = try Int.fetchOne(db, sql: "SELECT count(*) FROM doc_search WHERE doc_search MATCH ?", arguments: [e.text]) ?? 0
            print(String(format: "  count-all %.2f ms (%d)", ms(t), n))
            for concept in analysis.concepts {
                for alt in concept.alternatives.prefix(3) {
                    t = DispatchTime.now().uptimeNanoseconds
                    let c = try Int.fetchOne(db, sql: "SELECT count(*) FROM doc_search WHERE doc_search MATCH ?", arguments: ["{title label body} : " + MatchExpression.quote(alt)]) ?? 0
                    let t1 = ms(t)
                    t = DispatchTime.now().uptimeNanoseconds
                    let w = try Int.fetchOne(db, sql: "SELECT doc FROM doc_terms WHERE term = ?", arguments: [alt]) ?? 0
                    print(String(format: "    %@ phrase-count %d in %.2f ms; word df %d in %.2f ms", alt, c, t1, w, ms(t)))
                }
            }
        }
    }
}
