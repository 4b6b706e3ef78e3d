import Foundation
import GongshiStore
import GRDB

/// One ranked list over every kind of record: BM25 with field weights (title 10,
/// label 6, tags 4, body 1), exact hits for a 统一社会信用代码 or 文号 on top, and
/// pinyin readings ranked below Han matches.
public final class SearchEngine: Sendable {
    public let database: GongshiDatabase
    /// ICU iterators keep state, so each search borrows a tokenizer of its own for the
    /// moment it analyzes the query; searches otherwise run in parallel.
    private let tokenizers = TokenizerPool()
    /// Folded synonyms, rebuilt only when the synonym table changes.
    private let synonymCache = Locked<(rows: [SynonymRow], synonyms: [String: [String]])?>(nil)

    /// Responses per request for the current index generation; empty when disabled.
    private let results: ResultCache<SearchRequest, SearchResponse>
    /// The generation check of cached answers (nil when caching is off).
    private let generation: IndexGenerationReader?

    /// `cachedResponses`: how many responses to keep for repeated requests (a server
    /// sees the same popular queries again and again); 0 computes every search.
    public init(database: GongshiDatabase, cachedResponses: Int = 0) throws(SearchError) {
        self.database = database
        results = ResultCache(capacity: cachedResponses, maxBytes: 32 << 20)
        generation = cachedResponses > 0 ? IndexGenerationReader(path: database.path) : nil
        // Fail early, as before, when ICU cannot build a tokenizer.
        do { tokenizers.put(try ChineseTokenizer()) } catch { throw .store(error) }
    }

    static let exactScore = 1000.0

    public func search(_ request: SearchRequest) throws(SearchError) -> SearchResponse {
        let limit = min(max(request.limit, 1), SearchRequest.maxLimit)
        let offset = min(max(request.offset, 0), 10_000)
        var key = request
        key.limit = limit
        key.offset = offset
        do {
            // A repeated search needs only the generation, read on a connection of its own;
            // the cached answer was computed on that generation.
            let current = generation?.current()
            if let current, let hit = results.value(for: key, generation: current) { return hit }
            return try database.pool.read { db in
                // No cache, or no readable generation (an index older than generations).
                guard current != nil else { return try run(request, limit: limit, offset: offset, db: db) }
                let generation = try db.indexGeneration()
                if let hit = results.value(for: key, generation: generation) { return hit }
                let response = try run(request, limit: limit, offset: offset, db: db)
                results.insert(response, bytes: response.estimatedBytes, for: key, generation: generation)
                return response
            }
        } catch let error as SearchError {
            throw error
        } catch {
            throw .store(StoreError.wrap(error, path: database.path))
        }
    }

    struct SynonymRow: Equatable, Sendable {
        let term: String
        let group: Int
    }

    /// Folded term -> the other terms of its groups. The table is a few dozen rows, so
    /// reading it per query is cheap; folding every term with ICU is not.
    private func synonyms(_ db: Database, tokenizer: ChineseTokenizer) throws -> [String: [String]] {
        let rows = try Row.fetchAll(db.cachedStatement(sql: "SELECT term, group_id FROM synonym ORDER BY group_id, term")).map {
            SynonymRow(term: $0["term"], group: $0["group_id"])
        }
        if let cached = synonymCache.value, cached.rows == rows { return cached.synonyms }
        var groups: [Int: [String]] = [:]
        for row in rows { groups[row.group, default: []].append(row.term) }
        var synonyms: [String: [String]] = [:]
        let folded = groups.mapValues { $0.map { term in tokenizer.tokens(term, mode: .query).map(\.text).joined() } }
        for terms in folded.values {
            for term in terms where !term.isEmpty {
                synonyms[term, default: []] += terms.filter { $0 != term && !$0.isEmpty }
            }
        }
        synonymCache.value = (rows, synonyms)
        return synonyms
    }

    /// Analyzes a query with a tokenizer borrowed for the moment (for ranking and for facets).
    func analyze(_ query: String, db: Database) throws -> QueryAnalyzer.Analysis {
        try tokenizers.with { tokenizer in
            var analyzer = QueryAnalyzer(tokenizer: tokenizer, synonyms: try synonyms(db, tokenizer: tokenizer))
            analyzer.wordsStartingWith = { word in
                // The vocabulary of multi-character words is kept (with pinyin) at index time.
                let words = (try? String.fetchAll(db.cachedStatement(sql: """
                    SELECT word FROM pinyin_word WHERE word >= ?1 AND word < ?1 || char(1114111) ORDER BY length(word) LIMIT ?2
                    """), arguments: [word, QueryAnalyzer.maxBoostWords])) ?? []
                return words.isEmpty ? [word] : words
            }
            return analyzer.analyze(query)
        }
    }

    private func run(_ request: SearchRequest, limit: Int, offset: Int, db: Database) throws -> SearchResponse {
        let analysis = try analyze(request.query, db: db)
        var results: [SearchResult] = []
        var seen: Set<String> = []
        // Snippets are made for the returned page only: snippet() re-tokenizes the row.
        var snippetSources: [String: (table: SearchTable, rowid: Int64, expression: MatchExpression)] = [:]

        // Exact hits first: a credit code goes straight to its organization, a 文号 to its document.
        let compact = analysis.terms.joined()
        if request.kind == nil || request.kind == .org, request.filters.isEmpty, let code = try? CreditCode(validating: compact),
           let hit = try ResultResolver.organization(code: code.value, db: db) {
            results.append(SearchResult(kind: "org", id: hit.id, title: hit.title, label: nil, snippet: hit.snippet, ref: hit.ref, score: Self.exactScore))
        }
        if request.kind == nil || request.kind == .policy, request.filters.isEmpty, DocumentNumber.looksLikeNumber(compact) {
            for hit in try ResultResolver.documents(numberKey: DocumentNumber.key(compact), db: db) {
                results.append(SearchResult(kind: "policy", id: hit.id, title: hit.title, label: nil, snippet: hit.snippet, ref: hit.ref, score: Self.exactScore))
            }
        }
        seen = Set(results.map { "\($0.kind):\($0.id)" })

        var total = results.count
        let tables = SearchEngine.tables(for: request.kind)
        let want = (limit + offset) * 3   // more than a page, so crowding has room

        /// Runs one expression over the tables: counts, ranks and resolves new results.
        func collect(_ expression: MatchExpression, matching: MatchExpression) throws -> [(SearchTable, SearchResult)] {
            var found: [(SearchTable, SearchResult)] = []
            for table in tables {
                let rows = try scored(expression, in: table, kind: request.kind, filters: request.filters, db: db)
                total += rows.count
                // Passages of one document often fill the top ranks, and a page shows one per
                // document first: resolve until there are enough distinct documents too.
                var documents: Set<String> = []
                var resolved = 0
                for row in rows.sorted(by: { $0.score > $1.score }) {
                    if resolved >= want && (table == .records || documents.count >= limit + offset) { break }
                    if resolved >= Self.maxResolvedRows { break }
                    resolved += 1
                    guard let result = try ResultResolver.resolve(row, db: db), seen.insert("\(result.kind):\(result.id)").inserted else { continue }
                    snippetSources["\(result.kind):\(result.id)"] = (table, row.rowid, matching)
                    documents.insert(SearchEngine.documentKey(result))
                    found.append((table, result))
                }
            }
            return found
        }

        if let analyzed = analysis.expression, let matching = analysis.matching {
            // The pinyin column is only for the pinyin pass below.
            let found = try collect(analyzed.restricted(to: SearchEngine.textColumns),
                                    matching: matching.restricted(to: SearchEngine.textColumns))
            let documents = found.filter { $0.0 == .documents }.map(\.1)
            let records = found.filter { $0.0 == .records }.map(\.1)
            results += SearchEngine.merge(SearchEngine.limitPerDocument(documents, perDocument: 1), records)
        }

        // Pinyin finds Han text, ranked after every Han match.
        if results.count < limit + offset, let pinyin = QueryAnalyzer.pinyinTerms(analysis.terms),
           let expression = try pinyinExpression(pinyin, db: db) {
            let floor = results.map(\.score).filter { $0 < Self.exactScore }.min() ?? 1
            results += try collect(expression, matching: expression).map(\.1).sorted { $0.score > $1.score }.map { r in
                var r = r
                r.score = min(r.score, floor) * 0.5
                return r
            }
        }
        var page = Array(results.dropFirst(offset).prefix(limit))
        for i in page.indices {
            guard let source = snippetSources["\(page[i].kind):\(page[i].id)"] else { continue }
            // An article's snippet comes from its text, not from the document title it repeats.
            let column = page[i].kind == "article" ? 2 : -1
            page[i].snippet = try snippet(source.expression, in: source.table, rowid: source.rowid, column: column, db: db)
        }
        return SearchResponse(query: request.query, total: max(total, results.count), results: page)
    }

    /// The tables a kind filter needs.
    static func tables(for kind: SearchRequest.Kind?) -> [SearchTable] {
        guard let kind else { return SearchTable.allCases }
        return [SearchTable(kind: kind.rawValue)]
    }

    /// Merges two ranked lists by score; documents first on ties.
    static func merge(_ documents: [SearchResult], _ records: [SearchResult]) -> [SearchResult] {
        var out: [SearchResult] = []
        var i = 0, j = 0
        while i < documents.count || j < records.count {
            if j >= records.count || (i < documents.count && documents[i].score >= records[j].score) {
                out.append(documents[i]); i += 1
            } else {
                out.append(records[j]); j += 1
            }
        }
        return out
    }

    /// Rows resolved at most per table and query, however the passages fall.
    static let maxResolvedRows = 2_000

    /// The document a result belongs to (a policy and its articles share one).
    static func documentKey(_ r: SearchResult) -> String {
        r.kind == "policy" || r.kind == "article" ? String(r.id.split(separator: "#").first ?? "") : "\(r.kind):\(r.id)"
    }

    /// Keeps the ranking but moves a document's further passages behind the best passages
    /// of other documents, so a page shows many documents (the rest follow in score order).
    static func limitPerDocument(_ results: [SearchResult], perDocument: Int) -> [SearchResult] {
        var counts: [String: Int] = [:]
        var first: [SearchResult] = []
        var rest: [SearchResult] = []
        for r in results {
            let document = documentKey(r)
            counts[document, default: 0] += 1
            if counts[document]! <= perDocument { first.append(r) } else { rest.append(r) }
        }
        return first + rest
    }

    struct RankedRow {
        let rowid: Int64
        let kind: String
        let score: Double
    }

    /// A snippet of one row with the matched words marked.
    private func snippet(_ expression: MatchExpression, in table: SearchTable, rowid: Int64, column: Int, db: Database) throws -> MarkedText {
        let name = table.rawValue
        let sql = "SELECT snippet(\(name), \(column), char(1), char(2), '…', 24) FROM \(name) WHERE \(name) MATCH ? AND rowid = ?"
        let raw = try String.fetchOne(db.cachedStatement(sql: sql), arguments: [expression.text, rowid]) ?? ""
        return MarkedText(fts5Snippet: raw)
    }

    static let textColumns = ["title", "label", "body", "tags"]

    /// A query matching more records than this is ranked over the most recent this-many
    /// matches only: BM25 must visit every row it ranks, and over a million organizations
    /// a common word matches hundreds of thousands. Documents are always ranked in full.
    static let recordRankWindow = 1_000
    /// Record counts are exact up to this number: the window is also the count.
    public static let recordCountLimit = recordRankWindow

    func kindFilter(_ kind: SearchRequest.Kind?) -> (sql: String, arguments: StatementArguments) {
        guard let kind else { return ("", []) }
        return (kind == .article ? " AND kind IN (?, 'section')" : " AND kind = ?", [kind.rawValue])
    }

    /// One pass over the matches, scoring each: every match for documents; for records
    /// the `recordRankWindow` most recently indexed matches, scored without IDF. The
    /// number of rows is the count (exact for documents, capped for records).
    private func scored(_ expression: MatchExpression, in table: SearchTable, kind: SearchRequest.Kind?,
                        filters: SearchFilters, db: Database) throws -> [RankedRow] {
        let name = table.rawValue
        var filter = kindFilter(kind)
        let facets = filters.sql(for: table)
        filter.sql += facets.0
        filter.arguments += facets.1
        let weights = MatchExpression.columnWeights + expression.phraseWeights
        let function = table == .documents ? "gongshi_rank" : "gongshi_rank_tf"
        let placeholders = Array(repeating: "?", count: weights.count).joined(separator: ", ")
        var sql = "SELECT rowid, kind, \(function)(\(name), \(placeholders)) AS score FROM \(name) WHERE \(name) MATCH ?\(filter.sql)"
        if table == .records { sql += " ORDER BY rowid DESC LIMIT \(Self.recordRankWindow)" }
        let arguments = StatementArguments(weights) + [expression.text] + filter.arguments
        return try Row.fetchAll(db.cachedStatement(sql: sql), arguments: arguments).map { row in
            RankedRow(rowid: row["rowid"], kind: row["kind"], score: -(row["score"] as Double))
        }
    }

    /// A title or name whose pinyin (or initials) starts at a word with the typed letters,
    /// or AND over the terms of (OR over the Han words whose pinyin or initials match).
    private func pinyinExpression(_ terms: [String], db: Database) throws -> MatchExpression? {
        var titles = MatchExpression()
        titles.phrase(terms.joined(), weight: 1, prefix: true)
        titles = titles.restricted(to: ["pinyin"])
        guard let words = try pinyinWordsExpression(terms, db: db) else { return titles }
        return MatchExpression.or(titles, words.restricted(to: SearchEngine.textColumns))
    }

    private func pinyinWordsExpression(_ terms: [String], db: Database) throws -> MatchExpression? {
        var e = MatchExpression()
        for term in terms {
            let words = try String.fetchAll(db.cachedStatement(sql: """
                SELECT word FROM pinyin_word WHERE pinyin = ?1
                UNION SELECT word FROM (SELECT word FROM pinyin_word WHERE initials = ?1 AND length(?1) >= 2 LIMIT 20)
                LIMIT 30
                """), arguments: [term])
            guard !words.isEmpty else { return nil }
            e.append(e.text.isEmpty ? "(" : " AND (")
            for (i, word) in words.enumerated() {
                if i > 0 { e.append(" OR ") }
                e.phrase(ChineseTokenizer.wordMarker + word, weight: 1)
            }
            e.append(")")
        }
        return e.text.isEmpty ? nil : e
    }
}
