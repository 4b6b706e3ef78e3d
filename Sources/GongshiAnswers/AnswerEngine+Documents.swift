import Foundation
import GRDB
import GongshiStore

/// Retrieval over a large index in two stages. One OR query with BM25 scores every row
/// that contains any concept of the question, and common concepts (登记, 申请, 社会团体)
/// are in most rows of a large body of law: its cost grows with the index (125 ms median
/// over 50,000 articles). Instead:
///
/// 1. Candidate documents. Each concept (up to `maxProbedConcepts`) is counted by a MATCH
///    that returns only rowids, at most `maxProbeRows` + 1 of them (a whole-word lookup
///    first settles the common ones without a phrase scan); the counts and the documents
///    of the rows are cached per index generation. A rarer concept names the documents
///    that contain it; a concept in a document's title says which document the question
///    implies; a named document is always a candidate. Common concepts are in nearly every
///    document and say little about which one is meant. Documents with the same evidence
///    (local versions of one regulation) are taken a few at a time.
/// 2. Only the articles and sections of those documents are scored, BM25 as the full query
///    computes it (column weights, a weight per form, the rarity of stage 1 as IDF), from
///    their texts (cached per generation too); the best `candidateCount` go to the same
///    re-ranking as with the full query.
///
/// The cost depends on the question and the size of the chosen documents, not on the index.
extension AnswerEngine {
    /// Documents whose articles are scored.
    static let candidateDocuments = 16
    /// Documents taken with the same stage-1 score.
    static let documentsPerEvidence = 3
    /// Concepts probed for the documents that contain them, weightiest first.
    static let maxProbedConcepts = 6
    /// A concept found in more rows than this is common: its rows are not listed.
    static let maxProbeRows = 1_500

    func retrieveInDocuments(_ analysis: QuestionAnalysis, lexicon: AnswerLexicon, stats: AnswerIndexStats, db: Database) throws -> [Candidate] {
        let concepts = analysis.concepts
        let n = Double(max(stats.rows, 1))
        let forms = concepts.map { Array($0.alternatives.prefix(Self.retrievalAlternatives)) }
        let formBytes = forms.map { $0.map(ByteText.init) }

        // Stage 1: candidate documents. Concepts found in few rows name the documents that
        // contain them; a concept in more than `maxProbeRows` rows is common.
        let common = log(1 + n / (1 + 2 * Double(Self.maxProbeRows)))
        var rarity = Array(repeating: common, count: concepts.count)
        var documentScore: [Int: Double] = [:]
        let probed = concepts.indices.sorted { concepts[$0].weight != concepts[$1].weight ? concepts[$0].weight > concepts[$1].weight : $0 < $1 }
            .prefix(Self.maxProbedConcepts)
        var commonest: (concept: Int, rows: Int)?
        for c in probed {
            let found = try stats.occurrences(of: forms[c], limit: Self.maxProbeRows, db: db)
            guard found.rows > 0 else { continue }
            if found.rows > Self.maxProbeRows {
                if commonest == nil { commonest = (c, found.rows) }
                continue
            }
            rarity[c] = log(1 + n / (1 + Double(found.rows)))
            let value = concepts[c].weight * rarity[c]
            for (d, count) in found.documents { documentScore[d, default: 0] += value * (1 + 0.1 * Double(min(count, 5))) }
        }
        // Concepts in a title: the document the question implies (基金会 -> 基金会管理条例);
        // a document the question names is always a candidate.
        let named = Set(analysis.namedTitles.compactMap { title in lexicon.documents.first { $0.title == title }?.id }.compactMap { stats.rangeOfDocument[$0] })
        for d in stats.ranges.indices {
            var score = named.contains(d) ? 100.0 : 0
            for c in concepts.indices where formBytes[c].contains(where: { stats.titles[d].contains($0) }) {
                score += concepts[c].weight * max(rarity[c], 1)
            }
            if score > 0 { documentScore[d, default: 0] += score }
        }
        // Only common concepts and no title: the documents of the rows of the first common one.
        if documentScore.isEmpty, let c = commonest?.concept {
            var e = MatchExpression()
            for (i, form) in forms[c].enumerated() {
                if i > 0 { e.append(" OR ") }
                e.phrase(form, weight: 1)
            }
            e = e.restricted(to: ["title", "label", "body"])
            for rowid in try Int64.fetchAll(
                db.cachedStatement(sql: "SELECT rowid FROM doc_search WHERE doc_search MATCH ? LIMIT ?"),
                arguments: [e.text, Self.maxProbeRows])
            {
                if let d = stats.document(ofRow: rowid) { documentScore[d, default: 0] += 1 }
            }
        }
        // Documents with exactly the same evidence (local versions of one regulation, say) are
        // interchangeable here: a few of each, so that one group cannot fill the window.
        var chosen: [Int] = []
        var sameEvidence: [Double: Int] = [:]
        for (d, score) in documentScore.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }) {
            guard chosen.count < Self.candidateDocuments else { break }
            if !named.contains(d) {
                let taken = sameEvidence[score, default: 0]
                guard taken < Self.documentsPerEvidence else { continue }
                sameEvidence[score] = taken + 1
            }
            chosen.append(d)
        }

        // Stage 2: the articles and sections of those documents, scored by the concepts they
        // contain (rarer ones weigh more), the best `candidateCount` kept.
        // BM25 as the full query computes it (column weights title 2, label and chapter 1.5,
        // text 1; a phrase weight per form), with the rarity of stage 1 as IDF.
        var units: [(unit: Int64, length: Double, frequency: [Double])] = []
        for d in chosen {
            let title = stats.titles[d]
            let inTitle = concepts.indices.map { c in formBytes[c].map { title.count($0) } }
            for unit in try stats.units(ofDocument: d, db: db) {
                let text = unit.text
                let label = unit.label
                var frequency = Array(repeating: 0.0, count: concepts.count)
                var any = false
                for c in concepts.indices {
                    for (f, form) in formBytes[c].enumerated() {
                        let hits = 2 * Double(inTitle[c][f]) + 1.5 * Double(label.count(form)) + Double(text.count(form))
                        if hits > 0 {
                            frequency[c] += (f == 0 ? 1 : 0.9) * hits
                            any = true
                        }
                    }
                }
                // Length in characters (CJK is three bytes in UTF-8).
                if any { units.append((unit.id, Double(text.bytes.count + label.bytes.count + title.bytes.count) / 3, frequency)) }
            }
        }
        let averageLength = max(units.map(\.length).reduce(0, +) / Double(max(units.count, 1)), 1)
        var scored: [(score: Double, unit: Int64)] = units.map { unit in
            let norm = 1.2 * (0.25 + 0.75 * unit.length / averageLength)
            var score = 0.0
            for c in concepts.indices where unit.frequency[c] > 0 {
                let f = unit.frequency[c]
                score += concepts[c].weight * rarity[c] * f * 2.2 / (f + norm)
            }
            return (score, unit.unit)
        }
        scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.unit < $1.unit }
        scored = Array(scored.prefix(Self.candidateCount))
        var found: [Candidate] = []
        if !scored.isEmpty {
            let score = Dictionary(uniqueKeysWithValues: scored.map { ($0.unit, $0.score) })
            let placeholders = Array(repeating: "?", count: scored.count).joined(separator: ", ")
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT u.id, u.document_id, u.kind, u.label, u.number, u.chapter, u.anchor, u.text,
                           d.title, d.doc_number, d.issuer, d.level, d.status
                    FROM unit u JOIN document d ON d.id = u.document_id WHERE u.id IN (\(placeholders))
                    """, arguments: StatementArguments(scored.map(\.unit)))
            while let row = try rows.next() {
                let id: Int64 = row[0]
                found.append(
                    Candidate(
                        unitId: id, documentId: row[1], kind: row[2], label: row[3], number: row[4], chapter: row[5],
                        anchor: row[6], text: row[7], title: row[8], docNumber: row[9], issuer: row[10], level: row[11],
                        status: row[12], bm25: score[id] ?? 0))
            }
            found.sort { $0.bm25 != $1.bm25 ? $0.bm25 > $1.bm25 : $0.unitId < $1.unitId }
        }
        var seen = Set(found.map(\.unitId))
        try addNamedArticle(analysis, to: &found, seen: &seen, db: db)
        return found
    }
}
