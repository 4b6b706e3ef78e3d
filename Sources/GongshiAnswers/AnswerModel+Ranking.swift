import Foundation

/// Ranking with the learned model, in memory: BM25 over the unit's words (text, plus its
/// document title and chapter headings at a lower weight) for the question's terms and
/// their learned translations, plus the document and unit priors and a bonus when the unit
/// contains what the question asks for (`AnswerType`).
extension AnswerModel {
    /// A term of the expanded question.
    struct QueryTerm: Sendable {
        var term: Int32
        var weight: Float
        /// The question term it stands for (itself, or the word it translates).
        var question: String
        /// True for the question's own terms; false for learned translations and synonyms.
        var original: Bool
    }

    struct Query: Sendable {
        var terms: [QueryTerm]
        /// The question's own terms (unknown ones too), for coverage.
        var questionTerms: [String]
        /// The subject words (`subjects`) the question names: its own words and curated bridges
        /// that are subject words, and the subject words containing one or contained in one
        /// (慈善 names 慈善组织).
        var subjects: Set<Int32> = []
        /// The units one of whose asked topics the expanded question (its own terms, translations,
        /// curated bridges) covers (`askedTopicUnits`), for `topicMissed`.
        var topicCovered: Set<UInt32> = []
    }

    struct Scored: Sendable {
        var unit: Int32
        var score: Float
        /// Share of the question terms' IDF found in the unit (text, title or chapter).
        var coverage: Float
        /// Votes of the closest learned questions for this unit (`neighbours`).
        var neighbour: Float = 0
    }

    static let k1: Float = 1.2
    static let b: Float = 0.75
    /// Terms in more than this share of units are too common to score (应当, 规定…).
    static let maxDocumentShare = 0.5
    /// Learned questions that vote for their articles (`neighbours`).
    static let neighbourCount = 10

    func idf(_ term: Int32) -> Float {
        let n = Float(unitCount)
        let df = Float(documentFrequency(term))
        return log(1 + (n - df + 0.5) / (df + 0.5))
    }

    /// The question's terms and, for each, its learned translations; `extra` adds
    /// (question word, article term, weight) bridges from the curated vocabulary; `subjectWords`
    /// are further words the question names a subject with (its curated bridges and their terms:
    /// 社会团体, 社会, 团体).
    func query(_ questionTerms: [String], extra: [(question: String, article: String, weight: Float)], subjectWords: [String] = []) -> Query {
        var terms: [QueryTerm] = []
        var position: [Int32: Int] = [:]
        func add(_ t: Int32, _ weight: Float, _ question: String, _ original: Bool) {
            if let i = position[t] {
                if original && !terms[i].original {
                    terms[i] = QueryTerm(term: t, weight: max(weight, terms[i].weight), question: question, original: true)
                } else if !terms[i].original {
                    terms[i].weight = max(terms[i].weight, weight)
                } else {
                    terms[i].weight += original ? weight * 0.5 : 0
                }
                return
            }
            position[t] = terms.count
            terms.append(QueryTerm(term: t, weight: weight, question: question, original: original))
        }
        for q in questionTerms { if let t = termIndex[q] { add(t, 1, q, true) } }
        let expansions = Int(weights.expansions)
        for q in questionTerms {
            guard let t = termIndex[q] else { continue }
            let list = translations(of: t).prefix(expansions).filter { $0.probability >= weights.minTranslation }
            // A word the articles never use (欠钱) can only be found through its translations:
            // they share its whole weight. A word they use keeps it and adds its translations.
            let total = list.reduce(Float(0)) { $0 + $1.probability }
            let scale = documentFrequency(t) == 0 && total > 0 ? 1 / total : weights.translation
            for tr in list { add(tr.term, scale * tr.probability, q, false) }
        }
        for e in extra { if let t = termIndex[e.article] { add(t, e.weight, e.question, false) } }
        return Query(
            terms: terms, questionTerms: questionTerms, subjects: weights.subject > 0 ? namedSubjects(questionTerms + subjectWords) : [],
            topicCovered: weights.topic > 0 ? topicCovered(terms) : [])
    }

    /// The subject words `words` name: each subject word among them, and each subject word that
    /// contains one of them or is contained in one.
    func namedSubjects(_ words: [String]) -> Set<Int32> {
        var named: Set<Int32> = []
        for w in Set(words) {
            guard let t = termIndex[w], subjectSet.contains(t) else { continue }
            named.insert(t)
            for s in subjects where s != t {
                let word = terms[Int(s)]
                if word.contains(w) || w.contains(word) { named.insert(s) }
            }
        }
        return named
    }

    /// True when unit `u`'s opening sentence names subjects and the question names none of them.
    func subjectDisagrees(_ query: Query, unit u: Int) -> Bool {
        let named = subjects(of: u)
        return !named.isEmpty && !named.contains { query.subjects.contains($0) }
    }

    /// True when unit `u`'s opening sentence has topics that people ask with (a learned question
    /// uses them) and the expanded question covers none of them: the unit is about something else.
    func topicMissed(_ query: Query, unit u: Int) -> Bool {
        u < unitAsksTopic.count && unitAsksTopic[u] && !query.topicCovered.contains(UInt32(u))
    }

    /// The units one of whose asked topics is among `terms`.
    func topicCovered(_ terms: [QueryTerm]) -> Set<UInt32> {
        var units: Set<UInt32> = []
        for qt in terms { if let list = askedTopicUnits[qt.term] { units.formUnion(list) } }
        return units
    }

    /// The best `top` units for `query`, best first (ties by unit order).
    func rank(_ query: Query, type: AnswerType, top: Int, boost: [Int32: Float] = [:], documentBoost: [UInt32: Float] = [:]) -> [Scored] {
        rankWithVotes(query, type: type, top: top, boost: boost, documentBoost: documentBoost).ranked
    }

    /// `rank`, and the learned questions' votes (`neighbours`) it used.
    func rankWithVotes(
        _ query: Query, type: AnswerType, top: Int, boost: [Int32: Float] = [:], documentBoost: [UInt32: Float] = [:]
    ) -> (ranked: [Scored], votes: [Int32: Float]) {
        guard unitCount > 0 else { return ([], [:]) }
        var scores = [Float](repeating: 0, count: unitCount)
        var covered = [Float](repeating: 0, count: unitCount)
        var touched: [Int32] = []
        let maxDF = Int(Double(unitCount) * Self.maxDocumentShare)
        // Normaliser: the score of a unit that had every term at saturation.
        var best: Float = 0
        var questionIDF: Float = 0
        var seenQuestion: Set<String> = []
        for q in query.questionTerms where seenQuestion.insert(q).inserted {
            questionIDF += termIndex[q].map { documentFrequency($0) > 0 ? idf($0) : 0 } ?? 0
        }
        for qt in query.terms {
            let range = postings(qt.term)
            guard !range.isEmpty, range.count <= max(maxDF, 50) else { continue }
            let termIDF = idf(qt.term)
            let w = qt.weight * termIDF
            let coverage: Float = qt.original ? termIDF : 0
            best += w
            scores.withUnsafeMutableBufferPointer { s in
                for i in range {
                    let u = Int(postingUnit[i])
                    let tf = postingWeight[i]
                    let norm = Self.k1 * (1 - Self.b + Self.b * unitLength[u] / averageLength)
                    if s[u] == 0 { touched.append(Int32(u)) }
                    s[u] += w * tf * (Self.k1 + 1) / (tf + norm)
                    covered[u] += coverage
                }
            }
        }
        let neighbour = weights.neighbour > 0 ? neighbours(query) : [:]
        for u in neighbour.keys.sorted() where scores[Int(u)] == 0 { touched.append(u) }
        guard best > 0 || !neighbour.isEmpty else { return ([], neighbour) }
        let scale = best > 0 ? 1 / (best * (Self.k1 + 1)) : 0
        let maxDocumentPrior = max(documentPrior.max() ?? 0, 1e-6)
        let maxUnitPrior = max(unitPrior.max() ?? 0, 1e-6)
        func better(_ a: Scored, _ b: Scored) -> Bool { a.score != b.score ? a.score > b.score : a.unit < b.unit }
        // The best `top` by a bounded heap (its root the worst kept): tens of thousands of units
        // are touched by common words, and sorting them all cost more than the scoring.
        var heap: [Scored] = []
        heap.reserveCapacity(top + 1)
        func offer(_ x: Scored) {
            if heap.count < top {
                heap.append(x)
                var c = heap.count - 1
                while c > 0 {
                    let p = (c - 1) / 2
                    guard better(heap[p], heap[c]) else { break }
                    heap.swapAt(p, c)
                    c = p
                }
            } else if let root = heap.first, better(x, root) {
                heap[0] = x
                var p = 0
                while true {
                    let l = 2 * p + 1
                    let r = l + 1
                    var worst = p
                    if l < heap.count, better(heap[worst], heap[l]) { worst = l }
                    if r < heap.count, better(heap[worst], heap[r]) { worst = r }
                    if worst == p { break }
                    heap.swapAt(p, worst)
                    p = worst
                }
            }
        }
        guard top > 0 else { return ([], neighbour) }
        for u in touched {
            let i = Int(u)
            var s = scores[i] * scale
            s += weights.documentPrior * documentPrior[Int(unitDocument[i])] / maxDocumentPrior
            s += weights.unitPrior * unitPrior[i] / maxUnitPrior
            if !type.isEmpty, !type.isDisjoint(with: AnswerType(rawValue: unitTypes[i])) { s += weights.type }
            if let n = neighbour[u] { s += weights.neighbour * n }
            if weights.subject > 0, subjectDisagrees(query, unit: i) { s -= weights.subject }
            if weights.topic > 0, topicMissed(query, unit: i) { s -= weights.topic }
            if !boost.isEmpty, let extra = boost[u] { s += extra }
            if !documentBoost.isEmpty, let extra = documentBoost[unitDocument[i]] { s += extra }
            offer(Scored(unit: u, score: s, coverage: questionIDF > 0 ? min(covered[i] / questionIDF, 1) : 0, neighbour: neighbour[u] ?? 0))
        }
        for (u, extra) in boost.sorted(by: { $0.key < $1.key }) where scores[Int(u)] == 0 && neighbour[u] == nil {
            offer(Scored(unit: u, score: extra, coverage: 0))
        }
        return (heap.sorted(by: better), neighbour)
    }

    /// Units answering the learned questions closest to this one (BM25 of the question's own
    /// terms over the learned questions), each with the summed similarity of the closest
    /// `neighbourCount` questions that cite it, a similarity being that question's score
    /// relative to one that had every term: a question like many learned ones favours
    /// the articles that answered them.
    func neighbours(_ query: Query) -> [Int32: Float] {
        guard pairCount > 0 else { return [:] }
        let n = Float(pairCount)
        var scores: [UInt32: Float] = [:]
        var best: Float = 0
        var seen: Set<Int32> = []
        for q in query.questionTerms {
            guard let t = termIndex[q], seen.insert(t).inserted, let list = pairPostings[t] else { continue }
            let df = Float(list.count)
            let idf = log(1 + (n - df + 0.5) / (df + 0.5))
            best += idf
            for p in list {
                let length = Float(pairTermStart[Int(p) + 1] - pairTermStart[Int(p)])
                let norm = Self.k1 * (1 - Self.b + Self.b * length / averagePairLength)
                scores[p, default: 0] += idf * (Self.k1 + 1) / (1 + norm)
            }
        }
        guard best > 0 else { return [:] }
        let scale = 1 / (best * (Self.k1 + 1))
        let closest = scores.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(Self.neighbourCount)
        var votes: [Int32: Float] = [:]
        for (p, score) in closest {
            for i in Int(pairUnitStart[Int(p)])..<Int(pairUnitStart[Int(p) + 1]) { votes[Int32(pairUnits[i]), default: 0] += score * scale }
        }
        return votes
    }

    /// One number for how sure the first answer is: the fitted confidence model's probability
    /// that it is right when there is one, else a fixed mix of how much of the question it
    /// covers and how far it leads the second.
    func confidenceScore(_ features: [Float]) -> Float {
        guard features.count == Self.confidenceFeatureCount else { return 0 }
        if let confidence { return confidence.probability(features) }
        return weights.confidenceCoverage * features[0] + weights.confidenceMargin * features[1]
            + weights.confidenceNeighbour * features[2] + weights.confidenceLead * features[3]
    }

    static let confidenceFeatureNames = [
        "coverage", "margin", "neighbour", "lead", "typeMatch", "typed", "neighbourAgrees", "topVote", "documentShare", "rankersAgree",
        "learnedScore", "terms", "unitPrior", "documentPrior", "secondSameDocument", "rerankMargin", "learnedMargin", "documents10",
        "length",
    ]
    static var confidenceFeatureCount: Int { confidenceFeatureNames.count }

    /// What the confidence model reads, all in 0–1: the first answer's coverage of the question
    /// (IDF share), its lead over the second (relative, ×4, at most 1), the learned questions'
    /// votes for it (at most 1), its lead uncapped; whether it contains what the question asks
    /// for and whether the question asks for a kind of answer at all; whether it is the unit the
    /// learned questions vote for most, and that vote; the share of the first five answers from
    /// its document; whether the learned ranking alone put it first too; its learned score (at
    /// most 2, halved); the question's known terms (at most 10, /10); its unit and document
    /// priors (relative to the largest); whether the second answer is from the same document;
    /// then (added by `AnswerEngine.answerLearned`) the re-ranking's relative lead for it, the
    /// learned ranking's relative lead at its top, the documents of the first ten (/10) and its
    /// length (log2, /8).
    func confidenceFeatures(
        first: Scored, second: Float, typeMatch: Bool, typed: Bool, votes: [Int32: Float], documentShare: Float,
        rankersAgree: Bool, learnedScore: Float, terms: Int, secondSameDocument: Bool
    ) -> [Float] {
        let u = Int(first.unit)
        let unitPrior = unitPrior[u] / max(unitPrior.max() ?? 0, 1e-6)
        let documentPrior = documentPrior[Int(unitDocument[u])] / max(documentPrior.max() ?? 0, 1e-6)
        let margin = first.score > 0 ? max(first.score - second, 0) / first.score : 0
        let top = votes.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }
        return [
            first.coverage, min(margin * 4, 1), min(first.neighbour, 1), margin, typeMatch ? 1 : 0, typed ? 1 : 0,
            top?.key == first.unit ? 1 : 0, min(top?.value ?? 0, 1), documentShare, rankersAgree ? 1 : 0, min(max(learnedScore, 0), 2) / 2,
            Float(min(terms, 10)) / 10, unitPrior, documentPrior, secondSameDocument ? 1 : 0,
        ]
    }

    /// Bridges weaker than this are left out of `matched` (they move nothing a person would see).
    static let minShownBridge: Float = 0.05

    /// The question terms and learned bridges found in unit `u`, strongest bridges first after
    /// the question's own words.
    func matched(_ query: Query, unit u: Int32) -> [(question: String, article: String, weight: Float)] {
        var found: [(String, String, Float)] = []
        for qt in query.terms where (qt.original || qt.weight >= Self.minShownBridge) && contains(term: qt.term, unit: u) {
            found.append((qt.question, terms[Int(qt.term)], qt.original ? 1 : qt.weight))
        }
        // Stable: the question's own words in question order, then bridges by weight.
        return found.enumerated().sorted { a, b in
            a.element.2 != b.element.2 ? a.element.2 > b.element.2 : a.offset < b.offset
        }.map(\.element)
    }

    /// The parts of unit `u`'s learned score (`rank`), for `AnswerEngine.explain`.
    func parts(_ query: Query, unit u: Int32, type: AnswerType, neighbour: Float) -> [(String, Float)] {
        let maxDF = Int(Double(unitCount) * Self.maxDocumentShare)
        var best: Float = 0
        var bm25: Float = 0
        let i = Int(u)
        for qt in query.terms {
            let range = postings(qt.term)
            guard !range.isEmpty, range.count <= max(maxDF, 50) else { continue }
            let w = qt.weight * idf(qt.term)
            best += w
            if let tf = weight(term: qt.term, unit: u) {
                let norm = Self.k1 * (1 - Self.b + Self.b * unitLength[i] / averageLength)
                bm25 += w * tf * (Self.k1 + 1) / (tf + norm)
            }
        }
        let maxDocumentPrior = max(documentPrior.max() ?? 0, 1e-6)
        let maxUnitPrior = max(unitPrior.max() ?? 0, 1e-6)
        let typed = !type.isEmpty && !type.isDisjoint(with: AnswerType(rawValue: unitTypes[i]))
        return [
            ("bm25", best > 0 ? bm25 / (best * (Self.k1 + 1)) : 0),
            ("documentPrior", weights.documentPrior * documentPrior[Int(unitDocument[i])] / maxDocumentPrior),
            ("unitPrior", weights.unitPrior * unitPrior[i] / maxUnitPrior), ("type", typed ? weights.type : 0),
            ("neighbour", weights.neighbour * neighbour), ("subject", subjectDisagrees(query, unit: i) ? -weights.subject : 0),
            ("topic", topicMissed(query, unit: i) ? -weights.topic : 0),
        ]
    }

    /// The weighted frequency of `term` in unit `u`, nil when absent.
    func weight(term: Int32, unit u: Int32) -> Float? {
        var low = Int(postingStart[Int(term)])
        var high = Int(postingStart[Int(term) + 1]) - 1
        let target = UInt32(u)
        while low <= high {
            let mid = (low + high) / 2
            if postingUnit[mid] == target { return postingWeight[mid] }
            if postingUnit[mid] < target { low = mid + 1 } else { high = mid - 1 }
        }
        return nil
    }

    func contains(term: Int32, unit u: Int32) -> Bool {
        var low = Int(postingStart[Int(term)])
        var high = Int(postingStart[Int(term) + 1]) - 1
        let target = UInt32(u)
        while low <= high {
            let mid = (low + high) / 2
            if postingUnit[mid] == target { return true }
            if postingUnit[mid] < target { low = mid + 1 } else { high = mid - 1 }
        }
        return false
    }
}
