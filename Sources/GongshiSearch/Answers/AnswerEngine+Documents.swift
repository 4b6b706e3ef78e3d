import Foundation
import GongshiStore
import GRDB

/// Retrieval over a large index in two stages. One OR query with BM25 scores every row
/// that contains any concept of the question, and common concepts (登记, 申请, 社会团体)
/// are in most of a large body of law: its cost grows with the index. Instead:
///
/// 1. Candidate documents. The rarer concepts (row frequency estimated from doc_terms, then
///    counted exactly by a MATCH that only returns rowids) say which documents mention
///    them; concepts in a document's title say which document the question implies; a
///    named document is always a candidate. Common concepts are in nearly every document
///    and say little about which one is meant.
/// 2. Only the articles and sections of those documents are scored (weighted concepts by
///    rarity, in the text, the label and chapter, the title); the best `candidateCount` go
///    to the same re-ranking as with the full query.
extension AnswerEngine {
    /// Documents whose articles are scored.
    static let candidateDocuments = 16
    /// Concepts probed for the documents that contain them, rarest first.
    static let maxProbedConcepts = 6
    /// A concept found in more rows than this is common: its rows are not listed.
    static let maxProbeRows = 3_000

    func retrieveInDocuments(_ analysis: QuestionAnalysis, lexicon: AnswerLexicon, stats: AnswerIndexStats, db: Database) throws -> [Candidate] {
        let trace = ProcessInfo.processInfo.environment["GONGSHI_QA_TRACE"] != nil // TEMP
        var t0 = DispatchTime.now().uptimeNanoseconds
        func lap(_ name: String) { if trace { let t = DispatchTime.now().uptimeNanoseconds; print(String(format: "   %@ %.2f ms", name, Double(t - t0) / 1e6)); t0 = t } }
        let concepts = analysis.concepts
        let n = Double(max(stats.rows, 1))
        // Estimated rows per concept: a single token's count, or for a phrase of characters
        // the count of the whole word (rows where the dictionary found it) or, if the word
        // is never written as one, of its rarest character.
        var estimates: [Int] = []
        for (c, concept) in concepts.enumerated() {
            var estimate = 0
            let forms = c < analysis.formTokens.count ? analysis.formTokens[c] : []
            for (f, tokens) in forms.enumerated() where !tokens.isEmpty {
                var rows: Int
                if tokens.count == 1 {
                    rows = try stats.frequency(of: tokens[0], db: db)
                } else {
                    rows = try stats.frequency(of: concept.alternatives[f], db: db)
                    if rows == 0 { rows = try tokens.map { try stats.frequency(of: $0, db: db) }.min() ?? 0 }
                }
                estimate += rows
            }
            estimates.append(estimate)
        }
        lap("estimates \(estimates)")
        var rarity = estimates.map { log(1 + n / (1 + Double($0))) }

        // Stage 1: candidate documents.
        var documentScore: [Int: Double] = [:]
        let order = concepts.indices.sorted { estimates[$0] != estimates[$1] ? estimates[$0] < estimates[$1] : $0 < $1 }
        /// Rows of concept `c` (at most `maxProbeRows` + 1).
        func rows(of c: Int) throws -> [Int64] {
            var e = MatchExpression()
            for (i, form) in concepts[c].alternatives.prefix(Self.retrievalAlternatives).enumerated() {
                if i > 0 { e.append(" OR ") }
                e.phrase(form, weight: 1)
            }
            e = e.restricted(to: ["title", "label", "body"])
            return try Int64.fetchAll(db.cachedStatement(sql: "SELECT rowid FROM doc_search WHERE doc_search MATCH ? LIMIT \(Self.maxProbeRows + 1)"),
                                      arguments: [e.text])
        }
        func add(_ rowids: [Int64], of c: Int) {
            var hits: [Int: Int] = [:]
            for rowid in rowids { if let d = stats.document(ofRow: rowid) { hits[d, default: 0] += 1 } }
            let value = concepts[c].weight * rarity[c]
            for (d, count) in hits { documentScore[d, default: 0] += value * (1 + 0.1 * Double(min(count, 5))) }
        }
        var probed = 0
        for c in order where probed < Self.maxProbedConcepts && estimates[c] > 0 && estimates[c] <= Self.maxProbeRows * 4 {
            probed += 1
            let rowids = try rows(of: c)
            if rowids.count > Self.maxProbeRows { continue }
            rarity[c] = log(1 + n / (1 + Double(rowids.count)))
            add(rowids, of: c)
        }
        lap("probes \(probed)")
        // Concepts in the title: the document the question implies (慈善信托 -> 慈善法 is not
        // implied, 基金会 -> 基金会管理条例 is).
        let forms = concepts.map { $0.alternatives.prefix(Self.retrievalAlternatives).map(ByteText.init) }
        let named = Set(analysis.namedTitles)
        for document in lexicon.documents {
            guard let d = stats.rangeOfDocument[document.id] else { continue }
            let title = ByteText(document.title)
            var score = named.contains(document.title) ? 100.0 : 0
            for c in concepts.indices where forms[c].contains(where: { title.contains($0) }) {
                score += concepts[c].weight * max(rarity[c], 1)
            }
            if score > 0 { documentScore[d, default: 0] += score }
        }
        // Only common concepts and no title: the documents of the first rows of the rarest.
        if documentScore.isEmpty, let c = order.first(where: { estimates[$0] > 0 }) {
            add(try rows(of: c), of: c)
        }
        let chosen = documentScore.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(Self.candidateDocuments).map(\.key)

        lap("titles, chosen \(chosen.count)")
        // Stage 2: the articles and sections of those documents, scored by the concepts they contain.
        var found: [Candidate] = []
        for d in chosen {
            let rows = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT u.id, u.document_id, u.kind, u.label, u.number, u.chapter, u.anchor, u.text,
                       d.title, d.doc_number, d.issuer, d.level, d.status
                FROM unit u JOIN document d ON d.id = u.document_id
                WHERE u.document_id = ? AND u.kind IN ('article', 'section') ORDER BY u.seq
                """), arguments: [stats.ranges[d].documentId])
            guard let first = rows.first else { continue }
            let title = ByteText(first["title"] as String)
            let inTitle = concepts.indices.map { c in forms[c].contains { title.contains($0) } }
            for row in rows {
                let text = ByteText(row["text"] as String)
                let label = ByteText(((row["chapter"] as String?) ?? "") + " " + (row["label"] as String))
                var score = 0.0
                for c in concepts.indices {
                    let value = concepts[c].weight * rarity[c]
                    if forms[c].contains(where: { text.contains($0) }) {
                        score += value
                    } else if forms[c].contains(where: { label.contains($0) }) {
                        score += 0.6 * value
                    } else if inTitle[c] {
                        score += 0.4 * value
                    }
                }
                guard score > 0 else { continue }
                found.append(Candidate(unitId: row["id"], documentId: row["document_id"], kind: row["kind"], label: row["label"], number: row["number"],
                                       chapter: row["chapter"], anchor: row["anchor"], text: row["text"], title: row["title"], docNumber: row["doc_number"],
                                       issuer: row["issuer"], level: row["level"], status: row["status"], bm25: score))
            }
        }
        lap("units \(found.count)")
        found.sort { $0.bm25 != $1.bm25 ? $0.bm25 > $1.bm25 : $0.unitId < $1.unitId }
        found = Array(found.prefix(Self.candidateCount))
        var seen = Set(found.map(\.unitId))
        try addNamedArticle(analysis, to: &found, seen: &seen, db: db)
        return found
    }
}
