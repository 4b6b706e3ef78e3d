import Foundation
import GRDB
import GongshiStore

/// Regulations Q&A: a question in plain Chinese -> the articles that answer it, quoted
/// exactly and cited. No language model: the question is analysed into concepts
/// (QuestionAnalyzer), an OR query with BM25 column weights finds candidate articles and
/// sections (over a large index: the articles of candidate documents, see
/// `retrieveInDocuments`), and a re-ranking scores how much of the question each one covers, whether its
/// document is the one the question names or implies, and whether that document is in force.
///
/// Thread-safe: each question borrows a tokenizer of its own (ICU iterators keep state),
/// and the lexicon of the current index is cached behind a lock.
public final class AnswerEngine: Sendable {
    public let database: GongshiDatabase
    let tokenizers = TokenizerPool()
    private let cache = Locked<(fingerprint: String, lexicon: AnswerLexicon, stats: AnswerIndexStats)?>(nil)
    /// The learned model of the current index generation (nil: none trained).
    let learnedCache = Locked<(fingerprint: String, model: AnswerModel?)?>(nil)
    /// Up to this many rows in doc_search, one query ranks every row that contains a concept;
    /// above it, retrieval first picks candidate documents (`retrieveInDocuments`).
    let fullRankRows: Int

    public static let maxLimit = 100
    public static let maxQuestionCharacters = QuestionAnalyzer.maxQuestionCharacters
    /// Candidates re-ranked per question.
    static let candidateCount = 150
    /// Forms of a concept in the FTS query (re-ranking checks them all).
    static let retrievalAlternatives = 3
    /// Column weights of doc_search for Q&A: title, label (+chapter), body, tags, pinyin, kind.
    static let columnWeights = [2.0, 1.5, 1.0, 0.0, 0.0, 0.0]

    public convenience init(database: GongshiDatabase) throws(AnswerError) {
        try self.init(database: database, fullRankRows: 5_000)
    }

    init(database: GongshiDatabase, fullRankRows: Int) throws(AnswerError) {
        self.database = database
        self.fullRankRows = fullRankRows
        // Fail early when ICU cannot build a tokenizer.
        do { tokenizers.put(try ChineseTokenizer()) } catch { throw .store(error) }
    }

    public func answer(_ question: String, limit: Int = 5) throws(AnswerError) -> AnswerResponse {
        let limit = min(max(limit, 1), Self.maxLimit)
        do {
            return try database.pool.read { db in try run(question, limit: limit, db: db) }
        } catch let error as AnswerError {
            throw error
        } catch {
            throw .store(StoreError.wrap(error, path: database.path))
        }
    }

    // MARK: - Analysis

    func analyze(_ question: String, db: Database) throws -> (QuestionAnalysis, AnswerLexicon, AnswerIndexStats) {
        try tokenizers.with { tokenizer in try analyze(question, db: db, tokenizer: tokenizer) }
    }

    private func analyze(_ question: String, db: Database, tokenizer: ChineseTokenizer) throws -> (QuestionAnalysis, AnswerLexicon, AnswerIndexStats) {
        let fingerprint = try AnswerLexicon.fingerprint(db)
        let lexicon: AnswerLexicon
        let stats: AnswerIndexStats
        // Two first questions may both load the lexicon; the later store wins, both are equal.
        if let cache = cache.value, cache.fingerprint == fingerprint {
            lexicon = cache.lexicon
            stats = cache.stats
        } else {
            var loaded = try AnswerLexicon.load(db, fold: { tokenizer.tokens($0, mode: .query).map(\.text).joined() })
            let analyzer = QuestionAnalyzer(tokenizer: tokenizer, lexicon: loaded)
            for i in loaded.faqs.indices {
                loaded.faqs[i].phrasings = loaded.faqs[i].texts.map { analyzer.analyze($0).concepts }
            }
            stats = try AnswerIndexStats.load(db)
            cache.value = (fingerprint, loaded, stats)
            lexicon = loaded
        }
        let analysis = QuestionAnalyzer(tokenizer: tokenizer, lexicon: lexicon).analyze(question)
        return (analysis, lexicon, stats)
    }

    // MARK: - Retrieval and ranking

    struct Candidate {
        let unitId: Int64
        let documentId: String
        let kind: String
        let label: String
        let number: Int?
        let chapter: String?
        let anchor: String
        let text: String
        let title: String
        let docNumber: String?
        let issuer: String?
        let level: String?
        let status: String?
        var bm25: Double
        var score = 0.0
        var coverage = 0.0
        var bodyCoverage = 0.0
        /// Folded strings found in the text, for highlighting.
        var matched: [String] = []

        var isCurrent: Bool { status != "已废止" && status != "尚未生效" }
    }

    private func run(_ question: String, limit: Int, db: Database) throws -> AnswerResponse {
        let (analysis, lexicon, stats) = try analyze(question, db: db)
        if let model = try learnedModel(db: db) {
            return try answerLearned(analysis, lexicon: lexicon, model: model, limit: limit, db: db)
        }
        var candidates =
            stats.rows > fullRankRows
            ? try retrieveInDocuments(analysis, lexicon: lexicon, stats: stats, db: db)
            : try retrieve(analysis, db: db)
        rank(&candidates, analysis: analysis)
        candidates.sort { $0.score != $1.score ? $0.score > $1.score : $0.unitId < $1.unitId }

        let faq = matchFAQ(analysis, lexicon: lexicon)
        let best = candidates.first
        let confidence =
            best == nil && faq.isEmpty
            ? .low
            : AnswerConfidence.from(coverage: best?.coverage ?? 0, bodyCoverage: best?.bodyCoverage ?? 0, faqSimilarity: faq.first?.score ?? 0)
        let answers = candidates.prefix(limit).map { candidate in
            makeAnswer(candidate, related: candidates.filter { $0.documentId == candidate.documentId && $0.unitId != candidate.unitId })
        }
        var notice: String?
        if confidence == .low {
            let contact = lexicon.serviceCenter.map { "请咨询\($0.name)" + ($0.phone.map { "（电话 \($0)）" } ?? "") } ?? "请咨询社会组织服务中心"
            notice =
                answers.isEmpty
                ? "没有找到能回答这个问题的条款。\(contact)。"
                : "没有找到明确回答这个问题的条款。以下是最接近的条文，仅供参考，\(contact)。"
        }
        return AnswerResponse(
            question: analysis.question, confidence: confidence, answers: answers, faq: faq, notice: notice,
            serviceCenter: confidence == .low ? lexicon.serviceCenter : nil)
    }

    /// An OR query over articles and sections: no concept is required, BM25 (with IDF and
    /// column weights) picks the candidates.
    private func retrieve(_ analysis: QuestionAnalysis, db: Database) throws -> [Candidate] {
        var found: [Candidate] = []
        var seen: Set<Int64> = []
        if !analysis.concepts.isEmpty {
            var e = MatchExpression()
            var first = true
            for concept in analysis.concepts {
                // Few alternatives per concept: each phrase costs a posting-list read per query.
                for (i, alternative) in concept.alternatives.prefix(Self.retrievalAlternatives).enumerated() {
                    if !first { e.append(" OR ") }
                    e.phrase(alternative, weight: concept.weight * (i == 0 ? 1 : 0.9))
                    first = false
                }
            }
            e = e.restricted(to: ["title", "label", "body"])
            let weights = Self.columnWeights + e.phraseWeights
            let placeholders = Array(repeating: "?", count: weights.count).joined(separator: ", ")
            let sql = """
                SELECT rowid, gongshi_rank(doc_search, \(placeholders)) AS score FROM doc_search
                WHERE doc_search MATCH ? AND kind IN ('article', 'section') ORDER BY score LIMIT \(Self.candidateCount)
                """
            let rows = try Row.fetchAll(db.cachedStatement(sql: sql), arguments: StatementArguments(weights) + [e.text])
            for row in rows {
                let rowid: Int64 = row["rowid"]
                if let candidate = try Self.unit(entry: rowid, db: db, bm25: -(row["score"] as Double)), seen.insert(candidate.unitId).inserted {
                    found.append(candidate)
                }
            }
        }
        try addNamedArticle(analysis, to: &found, seen: &seen, db: db)
        return found
    }

    /// The article a question names (《慈善法》第十条) is a candidate even if no word matched.
    func addNamedArticle(_ analysis: QuestionAnalysis, to found: inout [Candidate], seen: inout Set<Int64>, db: Database) throws {
        if let number = analysis.articleNumber {
            for title in analysis.namedTitles {
                let row = try Row.fetchOne(
                    db.cachedStatement(
                        sql: """
                            SELECT e.id FROM document d JOIN unit u ON u.document_id = d.id
                            JOIN entry e ON e.kind = 'article' AND e.ref = CAST(u.id AS TEXT)
                            WHERE d.title = ? AND u.number = ? LIMIT 1
                            """), arguments: [title, number])
                if let rowid: Int64 = row?["id"], let candidate = try Self.unit(entry: rowid, db: db, bm25: 0), seen.insert(candidate.unitId).inserted {
                    found.append(candidate)
                }
            }
        }
    }

    static func unit(entry: Int64, db: Database, bm25: Double) throws -> Candidate? {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT u.id, u.document_id, u.kind, u.label, u.number, u.chapter, u.anchor, u.text,
                               d.title, d.doc_number, d.issuer, d.level, d.status
                        FROM entry e JOIN unit u ON u.id = CAST(e.ref AS INTEGER) JOIN document d ON d.id = u.document_id
                        WHERE e.id = ? AND e.kind IN ('article', 'section')
                        """), arguments: [entry])
        else { return nil }
        return Candidate(
            unitId: row["id"], documentId: row["document_id"], kind: row["kind"], label: row["label"], number: row["number"],
            chapter: row["chapter"], anchor: row["anchor"], text: row["text"], title: row["title"], docNumber: row["doc_number"],
            issuer: row["issuer"], level: row["level"], status: row["status"], bm25: bm25)
    }

    /// Re-ranks candidates by how much of the question they cover (concepts weighted by
    /// their rarity among the candidates), in the text first, then in the document title
    /// and chapter; favours the document the question names or implies; pushes texts that
    /// are not in force down.
    func rank(_ candidates: inout [Candidate], analysis: QuestionAnalysis) {
        guard !candidates.isEmpty else { return }
        let texts = candidates.map { ByteText($0.text) }
        let titles = candidates.map { ByteText($0.title) }
        let chapters = candidates.map { ByteText(($0.chapter ?? "") + " " + $0.label) }
        let concepts = analysis.concepts
        let forms = concepts.map { $0.alternatives.map(ByteText.init) }
        let partials = concepts.map { $0.partial.map(ByteText.init) }
        let pairs = analysis.pairs.map(ByteText.init)
        /// Index of the first form of concept `c` found in `text`.
        func found(_ c: Int, in text: ByteText) -> Int? { forms[c].firstIndex { text.contains($0) } }
        // Rarity among the candidates: a concept every candidate has tells little.
        let pool = Double(candidates.count)
        let weights = concepts.indices.map { c -> Double in
            let df = Double(texts.filter { found(c, in: $0) != nil }.count)
            return concepts[c].weight * (0.5 + log(1 + pool / (1 + df)))
        }
        let total = max(weights.reduce(0, +), 1e-9)
        let maxBM25 = max(candidates.map(\.bm25).max() ?? 1, 1e-9)
        let named = Set(analysis.namedTitles)
        for i in candidates.indices {
            var body = 0.0
            var title = 0.0
            var chapter = 0.0
            var inTitle = 0.0
            var lead = 0.0
            var firstLead = 0.0
            var matched: [String] = []
            // The first sentence of an article states what it is about (成立社会团体，应当具备下列条件：).
            let (firstText, otherText) = Self.leadSentences(candidates[i].text, label: candidates[i].label)
            let leadText = ByteText(firstText)
            let otherLeads = ByteText(otherText)
            for c in concepts.indices {
                let inThisTitle = found(c, in: titles[i]) != nil
                if let m = found(c, in: texts[i]) {
                    body += weights[c]
                    matched.append(concepts[c].alternatives[m])
                    if found(c, in: leadText) != nil {
                        lead += weights[c]
                        firstLead += weights[c]
                    } else if found(c, in: otherLeads) != nil {
                        lead += 0.6 * weights[c]
                    }
                } else if let m = partials[c].firstIndex(where: { texts[i].contains($0) }) {
                    body += 0.5 * weights[c]
                    matched.append(concepts[c].partial[m])
                } else if inThisTitle {
                    title += weights[c]
                } else if found(c, in: chapters[i]) != nil {
                    chapter += weights[c]
                }
                if inThisTitle { inTitle += weights[c] }
            }
            let pairsFound = pairs.indices.filter { texts[i].contains(pairs[$0]) }
            matched += pairsFound.map { analysis.pairs[$0] }
            lead += Double(pairs.filter { leadText.contains($0) }.count) * 0.5
            if analysis.asksDefinition, lead > 0, firstText.contains("是指") || firstText.contains("所称") { lead += total * 0.5 }
            let coverage = concepts.isEmpty ? 0 : (body + 0.8 * title + 0.6 * chapter) / total
            var score = coverage + 0.3 * inTitle / total + 0.3 * lead / total + 0.1 * candidates[i].bm25 / maxBM25
            // An article that opens with everything the question asks about is about exactly that.
            if concepts.count >= 2 && firstLead >= total * 0.99 { score += 0.15 }
            if !pairs.isEmpty { score += 0.15 * Double(pairsFound.count) / Double(pairs.count) }
            // Long articles cover more words by chance.
            score -= 0.04 * log2(max(1, Double(candidates[i].text.utf8.count) / 600))
            if named.contains(candidates[i].title) {
                score += 0.4
                if analysis.articleNumber != nil && analysis.articleNumber == candidates[i].number { score += 1 }
            }
            if candidates[i].status == "已废止" { score *= 0.3 } else if candidates[i].status == "尚未生效" { score *= 0.8 }
            candidates[i].score = score
            candidates[i].coverage = named.contains(candidates[i].title) && concepts.isEmpty ? 0.5 : coverage
            candidates[i].bodyCoverage = body / total
            candidates[i].matched = matched
        }
    }

    static let leadCharacters = 30

    /// The opening of each paragraph (not of list items), up to its first 。：； and at most
    /// `leadCharacters`: where an article says what it is about.
    static func leadSentences(_ text: String, label: String) -> (first: String, others: String) {
        // On Unicode scalars: as exact as Characters for the text of regulations, and several
        // times faster (this runs for every candidate).
        let space: Unicode.Scalar = " "
        let ideographicSpace: Unicode.Scalar = "\u{3000}"
        let labelScalars = label.unicodeScalars
        var leads: [Substring.UnicodeScalarView] = []
        for (i, line) in text.unicodeScalars.split(separator: "\n").enumerated() {
            var body = line
            if i == 0, body.starts(with: labelScalars) { body = body.dropFirst(labelScalars.count) }
            body = body.drop { $0 == space || $0 == ideographicSpace }
            if i > 0, body.first == "(" || body.first == "（" { continue }
            let end = body.firstIndex { $0 == "。" || $0 == "：" || $0 == "；" } ?? body.endIndex
            leads.append(body[..<end].prefix(Self.leadCharacters))
        }
        let first = leads.first.map { String(Substring($0)) } ?? ""
        return (first, leads.dropFirst().map { String(Substring($0)) }.joined(separator: "\n"))
    }

    // MARK: - Output

    func makeAnswer(_ c: Candidate, related: [Candidate]) -> Answer {
        var article: Answer.Article?
        var section: Answer.Section?
        if c.kind == "article", let number = c.number {
            article = Answer.Article(number: number, label: c.label, chapter: c.chapter)
        } else {
            section = Answer.Section(label: c.label)
        }
        let document = Answer.Document(id: c.documentId, title: c.title, docNumber: c.docNumber, issuer: c.issuer, level: c.level, status: c.status)
        return Answer(
            document: document, article: article, section: section, text: c.text,
            highlight: AnswerHighlighter.highlight(c.text, terms: c.matched), ref: .policy(id: c.documentId, anchor: c.anchor),
            score: (c.score * 1000).rounded() / 1000,
            citation: CitationFormatter.citation(title: c.title, label: c.label, text: c.text, status: c.status),
            current: c.isCurrent,
            related: related.prefix(3).map { Answer.Related(label: $0.label, ref: .policy(id: $0.documentId, anchor: $0.anchor)) })
    }

    /// FAQ entries whose question (or a variant) shares most of its concepts with the question.
    func matchFAQ(_ analysis: QuestionAnalysis, lexicon: AnswerLexicon) -> [FAQAnswer] {
        guard !analysis.concepts.isEmpty else { return [] }
        var matches: [FAQAnswer] = []
        for faq in lexicon.faqs {
            let similarity = faq.phrasings.map { Self.similarity(analysis.concepts, $0) }.max() ?? 0
            guard similarity >= AnswerConfidence.closeFAQ else { continue }
            let citations = faq.articles.map { reference -> FAQAnswer.Citation in
                let short = AnswerLexicon.shortTitle(reference.documentTitle)
                let document = lexicon.documents.first { $0.title == reference.documentTitle || AnswerLexicon.shortTitle($0.title) == short }
                let label = reference.article.flatMap { NumberForms.chinese($0) }.map { "第\($0)条" }
                // Unit anchors are a10 for 第十条 (see PolicyParser).
                let ref = document.map { d in RecordRef.policy(id: d.id, anchor: reference.article.map { "a\($0)" }) }
                return FAQAnswer.Citation(document: document?.title ?? reference.documentTitle, label: label, ref: ref)
            }
            matches.append(FAQAnswer(question: faq.question, answer: faq.answer, articles: citations, score: (similarity * 1000).rounded() / 1000))
        }
        // Entries well below the best match are about something else that shares a word or
        // two (成立社会团体… also matched 设立基金会… through 成立 → 设立): leave them out.
        let sorted = matches.sorted { $0.score > $1.score }
        guard let best = sorted.first?.score else { return [] }
        return sorted.filter { $0.score >= best - Self.faqMargin }.prefix(3).map { $0 }
    }

    /// How far below the best FAQ match another entry may score and still be shown.
    static let faqMargin = 0.2

    /// Weighted Dice overlap of two concept lists; concepts match when they share a form.
    static func similarity(_ a: [QuestionAnalysis.Concept], _ b: [QuestionAnalysis.Concept]) -> Double {
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        func matches(_ x: QuestionAnalysis.Concept, _ y: QuestionAnalysis.Concept) -> Bool {
            x.alternatives.contains(where: y.alternatives.contains) || ByteText.contains(x.text, y.text) || ByteText.contains(y.text, x.text)
        }
        let matchedA = a.filter { x in b.contains { matches(x, $0) } }.map(\.weight).reduce(0, +)
        let matchedB = b.filter { y in a.contains { matches($0, y) } }.map(\.weight).reduce(0, +)
        let total = a.map(\.weight).reduce(0, +) + b.map(\.weight).reduce(0, +)
        return (matchedA + matchedB) / total
    }
}
