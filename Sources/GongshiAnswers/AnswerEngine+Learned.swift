import Foundation
import GRDB
import GongshiStore

/// Answering with the learned model (`AnswerModel`, built by `AnswerTrainer` when the
/// index is built): the question's terms, their learned translations and the curated
/// synonyms and vocabulary score every unit in memory (`AnswerModel.rank`); a document
/// and article the question names (慈善法第十条, 社团条例10条) come first; an FAQ is shown only
/// when its articles are among the answers found; the confidence levels are the thresholds
/// calibrated by the trainer on questions it held aside.
extension AnswerEngine {
    /// Bridges from the curated vocabulary and synonyms weigh this much (a learned one its
    /// probability).
    static let curatedBridgeWeight: Float = 0.6
    /// Score added to the article a question names by title and number.
    static let namedArticleBoost: Float = 10
    /// Score added to the units of a document the question names.
    static let namedDocumentBoost: Float = 0.15
    /// An FAQ is shown when one of its articles is among this many first answers.
    static let faqAnswerWindow = 1
    /// Units of the learned ranking re-scored with the coverage features of `rank`.
    static let rerankPool = 100

    /// The learned model of the current generation, loaded once per generation.
    func learnedModel(db: Database) throws -> AnswerModel? {
        let fingerprint = try AnswerLexicon.fingerprint(db)
        if let cached = learnedCache.value, cached.fingerprint == fingerprint { return cached.model }
        // Two first questions may both load it; the later store wins, both are equal.
        let model = try db.qaModel(named: AnswerModel.name).flatMap(AnswerModel.decode)
        learnedCache.value = (fingerprint, model)
        return model
    }

    func questionTerms(_ question: String) throws -> [String] {
        try tokenizers.with { QATerms(tokenizer: $0).terms(question) }
    }

    /// The article number a question gives after a named document: 第十条, 第10条, 10条.
    static func articleNumber(_ folded: String) -> Int? {
        let chars = Array(folded)
        var i = 0
        while i < chars.count {
            var j = i
            while j < chars.count, NumberForms.isChineseNumeral(chars[j]) || chars[j].isASCII && chars[j].isNumber { j += 1 }
            if j > i, j < chars.count, chars[j] == "条", let n = NumberForms.value(String(chars[i..<j])), n > 0 { return n }
            i = max(j, i + 1)
        }
        return nil
    }

    /// An answer with what calibration needs: the units in answer order and the raw
    /// confidence score (infinite for an article named by title and number).
    struct LearnedResult {
        var response: AnswerResponse
        var units: [Int64]
        var confidenceScore: Float
        /// What the score is made of: the first answer's coverage, its relative lead over the
        /// second, the learned questions' votes for it.
        var confidenceFeatures: [Float] = []
        /// With `explain`: one line per first answer with what its score is made of.
        var explanation: [String] = []
    }

    /// Answers `question` with `model` (not necessarily the stored one: calibration passes a
    /// model that did not learn from the question).
    func learnedResult(_ question: String, model: AnswerModel, limit: Int, explain: Bool = false, db: Database) throws -> LearnedResult {
        let (analysis, lexicon, _) = try analyze(question, db: db)
        return try answerLearned(analysis, lexicon: lexicon, model: model, limit: limit, explain: explain, db: db)
    }

    /// What the stored model's first `limit` answers' scores are made of, one line each
    /// (`gongshi eval-qa --explain`); empty without a learned model.
    public func explain(_ question: String, limit: Int = 5) throws(AnswerError) -> [String] {
        do {
            return try database.pool.read { db in
                guard let model = try learnedModel(db: db) else { return [] }
                return try learnedResult(question, model: model, limit: limit, explain: true, db: db).explanation
            }
        } catch let error as AnswerError {
            throw error
        } catch {
            throw .store(StoreError.wrap(error, path: database.path))
        }
    }

    func answerLearned(_ analysis: QuestionAnalysis, lexicon: AnswerLexicon, model: AnswerModel, limit: Int, db: Database) throws -> AnswerResponse {
        try answerLearned(analysis, lexicon: lexicon, model: model, limit: limit, db: db).response
    }

    func answerLearned(
        _ analysis: QuestionAnalysis, lexicon: AnswerLexicon, model: AnswerModel, limit: Int, explain: Bool = false, db: Database
    ) throws -> LearnedResult {
        let terms = try questionTerms(analysis.question)
        // Curated bridges: the colloquial vocabulary and synonym groups (社团 -> 社会团体).
        var extra: [(question: String, article: String, weight: Float)] = []
        for concept in analysis.concepts where concept.source == .synonym || concept.source == .vocabulary {
            for alternative in concept.alternatives where alternative != concept.text {
                extra.append((concept.text, alternative, Self.curatedBridgeWeight))
            }
        }
        // The subjects the question names, only when they count (`AnswerModel.Weights.subject`): its
        // words and their curated bridges, but not a bridge that only narrows the word (基金会 ->
        // 慈善基金会 names no 慈善).
        let bridges = Set(extra.filter { !$0.article.contains($0.question) }.map(\.article)).sorted()
        let subjectWords = model.weights.subject > 0 ? try bridges + bridges.flatMap { try questionTerms($0) } : []
        let query = model.query(terms, extra: extra, subjectWords: subjectWords)
        // Documents and the article the question names.
        var documentBoost: [UInt32: Float] = [:]
        var boost: [Int32: Float] = [:]
        var named = false
        let namedIds = Set(analysis.namedTitles.flatMap { title in lexicon.documents.filter { $0.title == title }.map(\.id) })
        if !namedIds.isEmpty {
            for (d, id) in model.documentIds.enumerated() where namedIds.contains(id) { documentBoost[UInt32(d)] = Self.namedDocumentBoost }
            if let number = analysis.articleNumber ?? Self.articleNumber(analysis.folded) {
                for id in namedIds.sorted() {
                    if let unitId = try Int64.fetchOne(
                        db.cachedStatement(sql: "SELECT id FROM unit WHERE document_id = ? AND kind = 'article' AND number = ? ORDER BY seq LIMIT 1"),
                        arguments: [id, number]),
                        let u = model.unitIndex[unitId]
                    {
                        boost[u] = Self.namedArticleBoost
                        named = true
                    }
                }
            }
        }
        let type = AnswerType.ofQuestion(analysis.folded)
        let pool = model.weights.coverage > 0 ? max(limit, Self.rerankPool) : max(limit, Self.faqAnswerWindow, 2)
        let (ranked, votes) = model.rankWithVotes(query, type: type, top: pool, boost: boost, documentBoost: documentBoost)

        var candidates: [Candidate] = []
        var rerankScores: [Int64: Double] = [:]
        let learned = Dictionary(ranked.map { (model.unitIds[Int($0.unit)], $0) }, uniquingKeysWith: { a, _ in a })
        if !ranked.isEmpty {
            let ids = ranked.map { model.unitIds[Int($0.unit)] }
            let placeholders = Array(repeating: "?", count: ids.count).joined(separator: ", ")
            var byId: [Int64: Candidate] = [:]
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT u.id, u.document_id, u.kind, u.label, u.number, u.chapter, u.anchor, u.text,
                           d.title, d.doc_number, d.issuer, d.level, d.status
                    FROM unit u JOIN document d ON d.id = u.document_id WHERE u.id IN (\(placeholders))
                    """, arguments: StatementArguments(ids))
            while let row = try rows.next() {
                let id: Int64 = row[0]
                byId[id] = Candidate(
                    unitId: id, documentId: row[1], kind: row[2], label: row[3], number: row[4], chapter: row[5],
                    anchor: row[6], text: row[7], title: row[8], docNumber: row[9], issuer: row[10], level: row[11],
                    status: row[12], bm25: 0)
            }
            for r in ranked {
                guard let c = byId[model.unitIds[Int(r.unit)]] else { continue }
                candidates.append(c)
            }
            if model.weights.coverage > 0 { rank(&candidates, analysis: analysis) }
            // What a definition question asks about: its words and their curated bridges (协会 -> 社会团体).
            let definedTerms = terms + extra.map(\.article)
            for i in candidates.indices {
                rerankScores[candidates[i].unitId] = candidates[i].score
                guard let r = learned[candidates[i].unitId] else { continue }
                // `rank` already scored 已废止 texts down; the learned score is scored down here.
                let old = model.weights.coverage > 0 ? Double(model.weights.coverage) * candidates[i].score : 0
                var score = Double(r.score)
                if type.contains(.definition), model.weights.definition > 0, AnswerType.defines(candidates[i].text, terms: definedTerms) {
                    score += Double(model.weights.definition)
                }
                if !candidates[i].isCurrent { score *= candidates[i].status == "已废止" ? 0.3 : 0.8 }
                candidates[i].score = score + old
                candidates[i].coverage = Double(r.coverage)
            }
            candidates.sort { $0.score != $1.score ? $0.score > $1.score : $0.unitId < $1.unitId }
        }
        let unitOf = Dictionary(ranked.map { (model.unitIds[Int($0.unit)], $0.unit) }, uniquingKeysWith: { a, _ in a })
        var answers: [Answer] = []
        for var c in candidates.prefix(limit) {
            let matched = unitOf[c.unitId].map { model.matched(query, unit: $0) } ?? []
            // Highlighted once, with the words that matched here.
            c.matched = matched.map(\.article)
            var answer = makeAnswer(c, related: [])
            answer.matched = matched.map { Answer.Match(question: $0.question, article: $0.article, weight: (Double($0.weight) * 100).rounded() / 100) }
            answers.append(answer)
        }

        // An FAQ answers the question when its wording is close and the first answer found is
        // one of the articles it rests on (a 基金会 FAQ does not answer a 协会 question).
        let window = candidates.prefix(Self.faqAnswerWindow)
        let faq = matchFAQ(analysis, lexicon: lexicon).filter { entry in
            entry.articles.contains { citation in
                window.contains { c in
                    EvaluationTitle.normalized(c.title) == EvaluationTitle.normalized(citation.document) && citation.label == c.label
                }
            }
        }

        // The confidence score of the final order (calibrated by the trainer on the same path).
        var score: Float = 0
        var features: [Float] = []
        if named, let first = candidates.first, boost[model.unitIndex[first.unitId] ?? -1] != nil {
            score = .infinity
        } else if let first = candidates.first, let u = model.unitIndex[first.unitId] {
            let firstScored = AnswerModel.Scored(
                unit: u, score: Float(first.score), coverage: Float(first.coverage), neighbour: learned[first.unitId]?.neighbour ?? 0)
            let top5 = candidates.prefix(5)
            features = model.confidenceFeatures(
                first: firstScored, second: candidates.count > 1 ? Float(candidates[1].score) : 0,
                typeMatch: !type.isEmpty && !type.isDisjoint(with: AnswerType(rawValue: model.unitTypes[Int(u)])), typed: !type.isEmpty,
                votes: votes,
                documentShare: Float(top5.filter { $0.documentId == first.documentId }.count) / Float(top5.count),
                rankersAgree: ranked.first?.unit == u, learnedScore: learned[first.unitId]?.score ?? 0,
                terms: Set(terms.filter { model.termIndex[$0] != nil }).count,
                secondSameDocument: candidates.count > 1 && candidates[1].documentId == first.documentId)
            // The re-ranking's own lead for the first answer, the learned ranking's lead at its top,
            // how many documents the first ten come from, and the first answer's length.
            let firstRerank = rerankScores[first.unitId] ?? 0
            let otherRerank = candidates.dropFirst().prefix(9).compactMap { rerankScores[$0.unitId] }.max() ?? 0
            let rerankMargin = firstRerank > 0 ? max(min(Float((firstRerank - otherRerank) / firstRerank), 1), -1) : 0
            let learnedMargin =
                ranked.count > 1 && ranked[0].score > 0 ? min(max((ranked[0].score - ranked[1].score) / ranked[0].score, 0), 1) : 0
            let documents = Float(Set(candidates.prefix(10).map(\.documentId)).count) / 10
            let length = min(log2(1 + model.unitLength[Int(u)]) / 8, 1)
            features += [rerankMargin, learnedMargin, documents, length]
            score = model.confidenceScore(features)
        }
        let confidence: AnswerConfidence =
            candidates.isEmpty
            ? .low
            : score >= model.calibration.high ? .high : score >= model.calibration.medium ? .medium : .low
        var notice: String?
        if confidence == .low {
            let contact = lexicon.serviceCenter.map { "请咨询\($0.name)" + ($0.phone.map { "（电话 \($0)）" } ?? "") } ?? "请咨询当地社会组织服务中心或登记管理机关"
            notice =
                answers.isEmpty
                ? "没有找到能回答这个问题的条款。\(contact)。"
                : "没有找到明确回答这个问题的条款。以下是最接近的条文，仅供参考，\(contact)。"
        }
        let response = AnswerResponse(
            question: analysis.question, confidence: confidence, answers: answers, faq: faq, notice: notice,
            serviceCenter: confidence == .low ? lexicon.serviceCenter : nil)
        var explanation: [String] = []
        if explain {
            let named = query.subjects.sorted().map { model.terms[Int($0)] }.joined(separator: "、")
            explanation.append("type \(type.names.joined(separator: "+")) subjects named [\(named)] confidence \(score) features \(features)")
            for c in candidates.prefix(limit) {
                guard let r = learned[c.unitId], let u = model.unitIndex[c.unitId] else { continue }
                let parts = model.parts(query, unit: u, type: type, neighbour: r.neighbour)
                    .map { String(format: "%@ %.3f", $0.0, Double($0.1)) }.joined(separator: ", ")
                explanation.append(
                    String(
                        format: "《%@》%@ %.3f = learned %.3f (%@; boost %.3f) + rerank %.3f; coverage %.2f; unit types %@; subjects %@", c.title,
                        c.label, c.score,
                        Double(r.score), parts, Double(boost[u] ?? 0) + Double(documentBoost[model.unitDocument[Int(u)]] ?? 0),
                        c.score - Double(r.score), Double(r.coverage), AnswerType(rawValue: model.unitTypes[Int(u)]).names.joined(separator: "+"),
                        model.subjects(of: Int(u)).map { model.terms[Int($0)] }.joined(separator: "、")))
            }
        }
        return LearnedResult(
            response: response, units: candidates.prefix(limit).map(\.unitId), confidenceScore: score,
            confidenceFeatures: features, explanation: explanation)
    }
}
