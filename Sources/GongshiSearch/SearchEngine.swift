import Foundation
import GRDB
import GRDBSQLite
import GongshiStore

/// One ranked list over every kind of record: BM25 with field weights (title 10,
/// label 6, tags 4, body 1), exact hits for a 统一社会信用代码 or 文号 on top, and
/// pinyin readings ranked below Han matches.
public final class SearchEngine: Sendable {
    public let database: GongshiDatabase
    /// ICU iterators keep state, so each search borrows a tokenizer of its own for the
    /// moment it analyzes the query; searches otherwise run in parallel.
    let tokenizers = TokenizerPool()
    /// Folded synonyms and colloquial words, rebuilt only when the index changes.
    let vocabularies = QueryVocabularyCache()
    /// Rows of the documents index holding each phrase (for IDF), per index generation:
    /// counting scans every row that holds the phrase, the largest part of ranking a
    /// common word, and the counts change only when the index does.
    let phraseRowCounts = Locked<(generation: Int64, counts: [String: Int])>((0, [:]))
    static let maxCachedPhraseCounts = 20_000
    /// Whether each phrase is absent from every row's pinyin column, per index generation
    /// (see `rankingMatchText`).
    let pinyinAbsence = Locked<(generation: Int64, absent: [String: Bool])>((0, [:]))
    /// Tokens each phrase loses as a short phrase (`MatchExpression.shortText`), which
    /// depend on the phrase alone.
    let shortenedTokens = Locked<[String: Int]>([:])
    /// Row lengths for ranking and the documents index's passages, per index generation.
    let generationIndex = Locked<GenerationIndex?>(nil)
    /// The generation whose index a search is building (0: none).
    let buildingGeneration = Locked<Int64>(0)

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

    /// Searches answered from the result cache, and searches computed and cached.
    public var cacheStatistics: (hits: Int, misses: Int) { results.statistics }

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
            return try database.snapshotRead { db in
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

    /// Analyzes a query with a tokenizer borrowed for the moment (for ranking and for facets).
    /// `generation`: the index generation read in this transaction (nil: read it).
    func analyze(_ query: String, db: Database, generation: Int64? = nil) throws -> QueryAnalyzer.Analysis {
        let generation = try generation ?? db.indexGeneration()
        return try tokenizers.with { tokenizer in
            var analyzer = QueryAnalyzer(tokenizer: tokenizer, vocabulary: try vocabularies.vocabulary(db, tokenizer: tokenizer, generation: generation))
            analyzer.wordsStartingWith = { word in
                // The vocabulary of multi-character words is kept (with pinyin) at index time.
                let words =
                    (try? String.fetchAll(
                        db.cachedStatement(
                            sql: """
                                SELECT word FROM pinyin_word WHERE word >= ?1 AND word < ?1 || char(1114111) ORDER BY length(word) LIMIT ?2
                                """), arguments: [word, QueryAnalyzer.maxBoostWords])) ?? []
                return words.isEmpty ? [word] : words
            }
            return analyzer.analyze(query)
        }
    }

    private func run(_ request: SearchRequest, limit: Int, offset: Int, db: Database) throws -> SearchResponse {
        // Read once: the transaction sees one generation, and each read is a statement.
        let generation = try db.indexGeneration()
        let typed = try analyze(request.query, db: db, generation: generation)
        // Pinyin typed as words (falv fuwu, minzhengju) is searched as the Han words it reads as, so
        // it ranks as 法律服务 typed would; the pinyin of names is still matched below.
        let pinyin = QueryAnalyzer.pinyinTerms(typed.terms)
        let analysis = try pinyin.flatMap { try hanReading($0, db: db) }.map { try analyze($0, db: db, generation: generation) } ?? typed
        // Row lengths and documents-index passages of this index generation.
        let memory = try generationIndex(db: db, generation: generation)
        // The ranked list; results are made for the page only (see RankedMatch).
        var results: [RankedMatch] = []
        // Results seen, as "kind:id"; passages numbered by `memory` by their number.
        var seen: Set<String> = []
        var seenPassages = NumberSet(below: memory?.passages.keys.count ?? 0)
        // Snippets are made for the returned page only: snippet() re-tokenizes the row.
        // A match keeps which of `expressions` matched its row (an index, so the bookkeeping
        // of every ranked row does not copy the expression).
        var expressions: [MatchExpression] = []
        // Documents numbered when `memory` does not number them.
        var documentNumbers: [String: Int] = [:]
        func documentNumber(_ result: SearchResult) -> Int {
            let key = SearchEngine.documentKey(result)
            if let n = documentNumbers[key] { return n }
            documentNumbers[key] = documentNumbers.count
            return documentNumbers.count - 1
        }
        // Credit records -> their organization, which is listed above them.
        var organizationOf: [String: String] = [:]

        // Exact hits first: a credit code, a 文号, a decision number, "document + 第X条".
        if request.filters.isEmpty {
            let vocabulary = try tokenizers.with { try vocabularies.vocabulary(db, tokenizer: $0, generation: generation) }
            let exact = try exactHits(request.query, kind: request.kind, vocabulary: vocabulary, titles: memory?.titles, db: db)
            results = exact.map { RankedMatch(table: ["policy", "article"].contains($0.kind) ? .documents : .records, result: $0, document: -1) }
        }
        for r in results.compactMap(\.result) {
            let key = "\(r.kind):\(r.id)"
            seen.insert(key)
            if let n = memory?.passages.keys[ByteKey(key)] { _ = seenPassages.insert(n) }
        }

        var total = results.count
        // Exact hits the ranking finds again are counted once.
        var exactKeys = seen
        var exactPassages = seenPassages
        let tables = SearchEngine.tables(for: request.kind)
        let want = (limit + offset) * 3  // more than a page, so crowding has room

        /// Runs one expression over the tables: counts, ranks and resolves new results, each
        /// with the number of its document (for documents).
        func collect(_ expression: MatchExpression, matching: MatchExpression) throws -> [RankedMatch] {
            var found: [RankedMatch] = []
            let matchingIndex = expressions.count
            expressions.append(matching)
            for table in tables {
                let rows = try scored(
                    expression, in: table, kind: request.kind, filters: request.filters, lengths: memory?.lengths[table], generation: generation, db: db)
                total += rows.count
                // Passages of one document often fill the top ranks, and a page shows one per
                // document first: resolve until there are enough distinct documents too.
                var documents: Set<Int> = []
                var resolved = 0
                var order = RankedOrder(rows)
                if table == .documents, let passages = memory?.passages {
                    // Identified from memory, in the same order and with the same limits as below;
                    // documents and passages are counted by their numbers, without hashing.
                    var documentSeen = NumberSet(below: passages.documentCount)
                    var distinctDocuments = 0
                    while let row = order.next() {
                        if resolved >= want && distinctDocuments >= limit + offset { break }
                        if resolved >= Self.maxResolvedRows { break }
                        resolved += 1
                        guard let n = passages.number(ofRow: row.rowid) else { continue }
                        let key = passages.keyOf[n]
                        let document = passages.documentOf[n]
                        guard seenPassages.insert(key) else {
                            if exactPassages.remove(key) { total -= 1 }
                            continue
                        }
                        if documentSeen.insert(document) { distinctDocuments += 1 }
                        found.append(RankedMatch(table: table, passage: n, score: row.score, document: document, rowid: row.rowid, expression: matchingIndex))
                    }
                    continue
                }
                var start = 0
                // Resolved in batches (one statement each): the first the size of what a page
                // needs, then larger ones while passages of few documents fill the ranks.
                chunks: while !order.isEmpty {
                    let chunk = order.next(start == 0 ? want : 96)[...]
                    start += chunk.count
                    // Documents are identified only; the page is resolved in full below.
                    let batch =
                        table == .documents
                        ? try ResultResolver.identify(batch: chunk, db: db).mapValues { ($0, String?.none) }
                        : try ResultResolver.resolve(batch: chunk, db: db)
                    for row in chunk {
                        if resolved >= want && (table == .records || documents.count >= limit + offset) { break chunks }
                        if resolved >= Self.maxResolvedRows { break chunks }
                        resolved += 1
                        guard let (result, organization) = batch[row.rowid] else { continue }
                        let key = "\(result.kind):\(result.id)"
                        guard seen.insert(key).inserted else {
                            if exactKeys.remove(key) != nil { total -= 1 }
                            continue
                        }
                        if let organization { organizationOf[key] = organization }
                        let document = table == .documents ? documentNumber(result) : -1
                        if table == .documents { documents.insert(document) }
                        found.append(RankedMatch(table: table, result: result, document: document, rowid: row.rowid, expression: matchingIndex))
                    }
                }
            }
            return found
        }

        var relaxed: [String] = []
        if !analysis.words.isEmpty {
            var dropped: Set<Int> = []
            func run() throws -> [RankedMatch] {
                guard let analyzed = analysis.expression(dropping: dropped), let matching = analysis.expression(dropping: dropped, boosts: false) else {
                    return []
                }
                // The pinyin column is only for the pinyin pass below.
                return try collect(analyzed.restricted(to: SearchEngine.textColumns), matching: matching.restricted(to: SearchEngine.textColumns))
            }
            var found = try run()
            // Relaxation: when no record has every word, leave out the least informative
            // words until something matches, and say which.
            if found.isEmpty, results.isEmpty, analysis.words.count >= 2 {
                let order = try relaxationOrder(analysis, kind: request.kind, db: db)
                // One word left out, least informative first (words no record has lead);
                // then more, cumulatively, in the same order.
                for index in order where found.isEmpty && analysis.words.count >= 3 {
                    dropped = [index]
                    found = try run()
                }
                if found.isEmpty { dropped = [] }
                for index in order where found.isEmpty {
                    dropped.insert(index)
                    if dropped.count >= analysis.words.count { break }
                    found = try run()
                }
                if !found.isEmpty { relaxed = dropped.sorted().map { analysis.words[$0].text } }
            }
            // A query of several words is specific: a document's two best passages lead, and
            // its further ones are demoted, not moved behind every other match (成立协会:
            // 第十条 is the regulation's third passage); one word lists one passage per
            // document first.
            let several = analysis.words.count >= 2
            let order = SearchEngine.listOrder(found, perDocument: several ? 2 : 1, demotion: several ? Self.furtherPassageDemotion : nil)
            results.reserveCapacity(results.count + order.count)
            for i in order { results.append(found[i]) }
        }

        // Pinyin finds Han text, ranked after every Han match.
        if results.count < limit + offset, let pinyin,
            let expression = try pinyinExpression(pinyin, db: db)
        {
            let floor = results.map(\.score).filter { $0 < Self.exactScore }.min() ?? 1
            results += try collect(expression, matching: expression).sorted { $0.score > $1.score }.map { r in
                var r = r
                r.fromPinyin = true
                r.score = min(r.score, floor) * 0.5
                return r
            }
        }
        results = SearchEngine.organizationsBeforeTheirRecords(results, organizationOf: organizationOf)
        var page: [SearchResult] = []
        var sources: [(table: SearchTable, rowid: Int64, expression: Int)?] = []
        var pageFromPinyin: [Bool] = []
        for match in results.dropFirst(offset).prefix(limit) {
            guard let result = match.resolved(memory?.passages) else { continue }
            page.append(result)
            sources.append(match.source)
            pageFromPinyin.append(match.fromPinyin)
        }
        // Titles and labels of the documents on the page (ranking identified them only).
        var identified: [Int64] = []
        for i in page.indices {
            guard let source = sources[i], source.table == .documents else { continue }
            // From memory when this generation's passages are kept (as resolve(batch:) reads them).
            if let passages = memory?.passages, let n = passages.number(ofRow: source.rowid) {
                page[i].title = passages.titles[passages.all[n].document]
                page[i].label = passages.all[n].label
            } else {
                identified.append(source.rowid)
            }
        }
        let resolved = try ResultResolver.resolve(batch: identified.map { RankedRow(rowid: $0, score: 0) }[...], db: db)
        for i in page.indices {
            guard let source = sources[i], source.table == .documents,
                let (full, _) = resolved[source.rowid]
            else { continue }
            page[i].title = full.title
            page[i].label = full.label
        }
        var snippetPhrases = PageSnippetPhrases()
        for i in page.indices {
            guard let source = sources[i] else { continue }
            // An article's snippet comes from its text, not from the document title it repeats, and
            // a pinyin match's from its text, not from the pinyin keys only the index reads.
            let column = page[i].kind == "article" || pageFromPinyin[i] ? 2 : -1
            let expression = expressions[source.expression]
            let phrases = try snippetPhrases.phrases(of: expression, numbered: source.expression, engine: self)
            page[i].snippet = try snippet(expression, phrases: phrases, in: source.table, rowid: source.rowid, column: column, db: db)
        }
        var suggestion: String?
        if results.isEmpty || !relaxed.isEmpty || pinyin != nil || SearchEngine.looksLikeAMistypedTitle(analysis, page: page) {
            suggestion = try didYouMean(typed, db: db)
        }
        var response = SearchResponse(query: request.query, total: max(total, results.count), results: page, relaxed: relaxed, suggestion: suggestion)
        response.words = analysis.words.map(\.text)
        return response
    }

    /// A name-length query (5 Han characters or more) that no title on the page holds as
    /// typed, and no text on the page holds as typed either: perhaps a name with a character
    /// wrong or missing that still matched words.
    static func looksLikeAMistypedTitle(_ analysis: QueryAnalyzer.Analysis, page: [SearchResult]) -> Bool {
        // Only one term typed without spaces reads as a name (several terms are words, and
        // the candidate look-up over names costs seconds for common pairs at 100,000 orgs).
        guard analysis.terms.count == 1 else { return false }
        let typed = analysis.words.map(\.text).joined()
        guard typed.unicodeScalars.filter({ $0.properties.isIdeographic }).count >= 5 else { return false }
        // A term the records use as typed (活动异常名录, marked whole in a snippet) is no typing
        // mistake; skipping the name look-up for it also spares its cost (~20 ms at 100,000 orgs).
        if page.contains(where: { $0.snippet.segments.contains { $0.marked && $0.text.contains(typed) } }) { return false }
        return !page.contains { QueryWords.contains($0.title, typed) }
    }

    /// Indexes of words in the order relaxation leaves them out: words no record has,
    /// then the most common (by the number of matching rows, records counted up to the
    /// ranking window).
    func relaxationOrder(_ analysis: QueryAnalyzer.Analysis, kind: SearchRequest.Kind?, db: Database) throws -> [Int] {
        var frequency: [Int] = []
        for clause in analysis.matchClauses {
            frequency.append(try matchingRows(clause.restricted(to: SearchEngine.textColumns), kind: kind, db: db))
        }
        return frequency.indices.sorted { a, b in
            if (frequency[a] == 0) != (frequency[b] == 0) { return frequency[a] == 0 }
            return frequency[a] != frequency[b] ? frequency[a] > frequency[b] : a < b
        }
    }

    /// The rows `expression` matches, counted up to the ranking window per table (enough to
    /// tell common words from rare ones without walking a long doclist to its end).
    func matchingRows(_ expression: MatchExpression, kind: SearchRequest.Kind?, db: Database) throws -> Int {
        var n = 0
        for table in SearchEngine.tables(for: kind) {
            let name = table.rawValue
            n +=
                try Int.fetchOne(
                    db.cachedStatement(sql: "SELECT count(*) FROM (SELECT 1 FROM \(name) WHERE \(name) MATCH ? LIMIT \(Self.recordRankWindow))"),
                    arguments: [expression.shortText]) ?? 0
        }
        return n
    }

    /// An organization ranks above its own credit records: each one moves up to just
    /// before the first of its records in the list.
    /// Passages (never organizations or records) keep their places.
    static func organizationsBeforeTheirRecords(_ results: [RankedMatch], organizationOf: [String: String]) -> [RankedMatch] {
        guard !organizationOf.isEmpty else { return results }
        var firstRecord: [String: Int] = [:]
        for (i, r) in results.enumerated() {
            if let key = r.resolvedKey, let code = organizationOf[key], firstRecord[code] == nil { firstRecord[code] = i }
        }
        let keyed = results.enumerated().map { i, r -> (Double, RankedMatch) in
            if let org = r.result, org.kind == "org", let j = firstRecord[org.id], j < i { return (Double(j) - 0.5, r) }
            return (Double(i), r)
        }
        return keyed.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// The tables a kind filter needs.
    static func tables(for kind: SearchRequest.Kind?) -> [SearchTable] {
        guard let kind else { return SearchTable.allCases }
        return [SearchTable(kind: kind.rawValue)]
    }

    /// Rows resolved at most per table and query, however the passages fall.
    static let maxResolvedRows = 2_000

    /// The document a result belongs to (a policy and its articles share one).
    static func documentKey(_ r: SearchResult) -> String { documentKey(kind: r.kind, id: r.id) }

    static func documentKey(kind: String, id: String) -> String {
        guard kind == "policy" || kind == "article" else { return "\(kind):\(id)" }
        guard let hash = id.utf8.firstIndex(of: 0x23) else { return id }
        return String(id[..<hash])
    }

    /// How much each further passage of a document (beyond the ones that lead) counts in the
    /// list order of a query of several words: its score times this, once per passage before it.
    static let furtherPassageDemotion = 0.5

    /// The order in which `found` (table, result, document number) is listed: documents keep
    /// the ranking but a document's further passages (beyond `perDocument`) move behind the
    /// best passages of other documents, so a page shows many documents (the rest follow in
    /// score order) — or, with `demotion`, the n-th further passage is placed among the other
    /// documents' passages by its score times demotionⁿ; records are merged in by score
    /// (their own and the passages'), documents first on ties. Indexes into `found`, so the
    /// results are copied once.
    static func listOrder(_ found: [RankedMatch], perDocument: Int, demotion: Double? = nil) -> [Int] {
        // Passages per document, by document number (numbers are dense from 0).
        var counts = [Int](repeating: 0, count: (found.lazy.map(\.document).max() ?? -1) + 1)
        var first: [Int] = []
        var rest: [Int] = []
        var records: [Int] = []
        // The score a document's passage is placed among the others by (its own, or demoted).
        var key = found.map(\.score)
        for i in found.indices {
            guard found[i].table == .documents else {
                records.append(i)
                continue
            }
            let document = found[i].document
            guard document >= 0 else {  // never numbered: not crowded
                first.append(i)
                continue
            }
            counts[document] += 1
            let n = counts[document]
            if n <= perDocument {
                first.append(i)
            } else if let demotion {
                key[i] *= pow(demotion, Double(n - perDocument))
                first.append(i)
            } else {
                rest.append(i)
            }
        }
        // Stable: equal keys keep the ranking's order.
        if demotion != nil {
            first = first.enumerated().sorted { a, b in
                key[a.element] != key[b.element] ? key[a.element] > key[b.element] : a.offset < b.offset
            }.map(\.element)
        }
        let documents = first + rest
        var out: [Int] = []
        out.reserveCapacity(found.count)
        var i = 0
        var j = 0
        while i < documents.count || j < records.count {
            if j >= records.count || (i < documents.count && found[documents[i]].score >= found[records[j]].score) {
                out.append(documents[i])
                i += 1
            } else {
                out.append(records[j])
                j += 1
            }
        }
        return out
    }

    /// A match and its score; its kind is read from `entry` when it is resolved (reading
    /// the FTS row's own `kind` column costs a content-table lookup per match).
    struct RankedRow {
        let rowid: Int64
        let score: Double
    }

    /// A snippet of one row with the matched words marked: FTS5's snippet(), computed from
    /// the row's text when the expression allows (`textSnippet`), which spares a MATCH per
    /// row (seeking every phrase's doclists to it) and tokenizing the row twice. `phrases`:
    /// the expression's, prepared (`snippetPhrases`); nil when it has phrases only FTS5 marks.
    private func snippet(
        _ expression: MatchExpression, phrases: SnippetPhrases?, in table: SearchTable, rowid: Int64, column: Int, db: Database
    ) throws -> MarkedText {
        if let phrases, let marked = try textSnippet(phrases, in: table, rowid: rowid, column: column, db: db) { return marked }
        return try fts5Snippet(expression, in: table, rowid: rowid, column: column, db: db)
    }

    /// The expression's phrases prepared for `textSnippet`, once for all rows of a page; nil
    /// when it has phrases they cannot mark (whole words, prefixes, columns other than the
    /// text columns: the pinyin queries).
    func snippetPhrases(_ expression: MatchExpression) throws -> SnippetPhrases? {
        guard Self.isRestrictedToTextColumns(expression) else { return nil }
        return try tokenizers.with { $0.snippetPhrases(expression.phraseTexts) }
    }

    /// FTS5's snippet() of the row, made from its text without FTS5 (see snippet.c); nil
    /// when the expression has phrases it cannot mark (see `snippetPhrases`), or the row is gone.
    func textSnippet(_ expression: MatchExpression, in table: SearchTable, rowid: Int64, column: Int, db: Database) throws -> MarkedText? {
        guard let phrases = try snippetPhrases(expression) else { return nil }
        return try textSnippet(phrases, in: table, rowid: rowid, column: column, db: db)
    }

    /// `textSnippet` with the expression's phrases prepared; nil when the row is gone.
    func textSnippet(_ phrases: SnippetPhrases, in table: SearchTable, rowid: Int64, column: Int, db: Database) throws -> MarkedText? {
        // The text columns, in the table's order (title, label, body, tags), read from the
        // table's content (FTS5's `%_content`, columns c0, c1, …, the values FTS5 returns):
        // a rowid look-up through the FTS5 table costs about as much again. A snippet of one
        // column reads that column only (the others are not looked at).
        let single = column >= 0 && column < Self.textColumns.count
        guard let sql = Self.contentSQL[table]?[single ? 1 + column : 0] else { return nil }
        let statement = try db.cachedStatement(sql: sql)
        try statement.setRawArgument(rowid)
        var marked: MarkedText?
        // The snippet reads the columns from the statement while it stands on the row.
        try statement.forEachRawRow { row in
            marked = try tokenizers.with { tokenizer in
                tokenizer.snippet(
                    statement: row, columnCount: single ? 1 : Self.textColumns.count, column: single ? 0 : column, phrases: phrases,
                    tokens: Self.snippetTokens)
            }
        }
        return marked
    }

    /// FTS5's snippet() of the row: a MATCH on the row.
    func fts5Snippet(_ expression: MatchExpression, in table: SearchTable, rowid: Int64, column: Int, db: Database) throws -> MarkedText {
        let name = table.rawValue
        let sql = "SELECT snippet(\(name), \(column), char(1), char(2), '…', \(Self.snippetTokens)) FROM \(name) WHERE \(name) MATCH ? AND rowid = ?"
        let raw = try String.fetchOne(db.cachedStatement(sql: sql), arguments: [expression.text, rowid]) ?? ""
        return MarkedText(fts5Snippet: raw)
    }

    static let textColumns = ["title", "label", "body", "tags"]
    /// `textSnippet`'s row look-ups by table, built once: the text columns (first), then
    /// each of them alone.
    static let contentSQL: [SearchTable: [String]] = Dictionary(
        uniqueKeysWithValues: SearchTable.allCases.map { table in
            let columns = textColumns.indices.map { "c\($0)" }
            let sql = [columns.joined(separator: ", ")] + columns
            return (table, sql.map { "SELECT \($0) FROM \(table.rawValue)_content WHERE id = ?" })
        })
    static let snippetTokens = 24
    /// How `MatchExpression.restricted(to: textColumns)` starts.
    static let textColumnsFilter = "{title label body tags} : "

    /// Whether the expression is `restricted(to: textColumns)`; compared as bytes (String's
    /// `hasPrefix` compares canonically, some 10 k instructions on a long expression).
    static func isRestrictedToTextColumns(_ expression: MatchExpression) -> Bool {
        expression.text.utf8.starts(with: textColumnsFilter.utf8)
    }

    /// The number of rows holding each phrase of an expression restricted to the text
    /// columns, from the per-generation cache or counted once.
    /// `generation`: the index generation read in this transaction.
    func phraseCounts(_ expression: MatchExpression, in table: SearchTable, generation: Int64, db: Database) throws -> [Int?] {
        guard generation > 0 else { return expression.phraseTexts.map { _ in nil } }
        var known = phraseRowCounts.value
        if known.generation != generation { known = (generation, [:]) }
        var counts: [Int?] = []
        var added = false
        for phrase in expression.phraseTexts {
            if let n = known.counts[phrase] {
                counts.append(n)
                continue
            }
            var single = MatchExpression()
            single.phrase(phrase, weight: 1)
            let name = table.rawValue
            let n =
                try Int.fetchOne(
                    db.cachedStatement(sql: "SELECT count(*) FROM \(name) WHERE \(name) MATCH ?"),
                    arguments: [single.restricted(to: Self.textColumns).shortText]) ?? 0
            known.counts[phrase] = n
            counts.append(n)
            added = true
        }
        if added {
            if known.counts.count > Self.maxCachedPhraseCounts { known.counts = [:] }
            let update = known
            phraseRowCounts.withLock { current in
                if current.generation != update.generation || current.counts.count < update.counts.count { current = update }
            }
        }
        return counts
    }

    /// A query matching more records than this is ranked over the most recent this-many
    /// matches only: BM25 must visit every row it ranks, and over a million organizations
    /// a common word matches hundreds of thousands. Documents are always ranked in full.
    static let recordRankWindow = 1_000
    /// Record counts are exact up to this number: the window is also the count.
    public static let recordCountLimit = recordRankWindow

    /// `column` is qualified by callers that join another table with a `kind` column.
    func kindFilter(_ kind: SearchRequest.Kind?, column: String = "kind") -> (sql: String, arguments: StatementArguments) {
        guard let kind else { return ("", []) }
        return (kind == .article ? " AND \(column) IN (?, 'section')" : " AND \(column) = ?", [kind.rawValue])
    }

    /// One pass over the matches, scoring each: every match for documents; for records
    /// the `recordRankWindow` most recently indexed matches, scored without IDF. The
    /// number of rows is the count (exact for documents, capped for records).
    private func scored(
        _ expression: MatchExpression, in table: SearchTable, kind: SearchRequest.Kind?,
        filters: SearchFilters, lengths: RowLengths?, generation: Int64, db: Database
    ) throws -> [RankedRow] {
        let name = table.rawValue
        var filter = kindFilter(kind)
        let facets = filters.sql(for: table)
        filter.sql += facets.0
        filter.arguments += facets.1
        let function = table == .documents ? "gongshi_rank" : "gongshi_rank_tf"
        // Matched on short phrases: gongshi_rank is told the tokens they left out.
        let counts =
            table == .documents && Self.isRestrictedToTextColumns(expression)
            ? try phraseCounts(expression, in: table, generation: generation, db: db)
            : expression.phraseTexts.map { _ in nil }
        let weights = expression.rankArguments(rowCounts: counts, shortened: try shortened(expression))
        // The last argument: the row lengths of this generation (a pointer, bound below; NULL
        // makes gongshi_rank read each row's length from the index).
        let placeholders = Array(repeating: "?", count: weights.count + 1).joined(separator: ", ")
        var sql = "SELECT rowid, \(function)(\(name), \(placeholders)) AS score FROM \(name) WHERE \(name) MATCH ?\(filter.sql)"
        if table == .records { sql += " ORDER BY rowid DESC LIMIT \(Self.recordRankWindow)" }
        let statement = try db.cachedStatement(sql: sql)
        let match = try rankingMatchText(expression, in: table, generation: generation, db: db)
        if filter.arguments.isEmpty {
            try statement.setRawArguments(numbers: weights + [nil], then: match)
        } else {
            try statement.setArguments(StatementArguments(weights) + [DatabaseValue.null, match] + filter.arguments)
        }
        // Every run of this statement binds the pointer again (setArguments clears it).
        lengths?.bind(to: statement, index: Int32(weights.count + 1))
        return try withExtendedLifetime(lengths) {
            var rows: [RankedRow] = []
            // Read raw: every match is a row (rowid and score are never NULL).
            try statement.forEachRawRow { row in
                rows.append(RankedRow(rowid: sqlite3_column_int64(row, 0), score: -sqlite3_column_double(row, 1)))
            }
            return rows
        }
    }

    /// The tokens each phrase of `expression` loses as a short phrase (0 or 1).
    func shortened(_ expression: MatchExpression) throws -> [Int] {
        let known = shortenedTokens.value
        if expression.phraseTexts.allSatisfy({ known[$0] != nil }) { return expression.phraseTexts.map { known[$0] ?? 0 } }
        let counted = try tokenizers.with { tokenizer in
            expression.phraseTexts.map { phrase -> Int in
                if let n = known[phrase] { return n }
                // A whole-word phrase is one token either way (and carries no short marker).
                if phrase.hasPrefix(ChineseTokenizer.wordMarker) { return 0 }
                return tokenizer.tokens(phrase, mode: .phrase).count - tokenizer.tokens(phrase, mode: .shortPhrase).count
            }
        }
        shortenedTokens.withLock { cache in
            if cache.count > Self.maxCachedPhraseCounts { cache = [:] }
            for (phrase, n) in zip(expression.phraseTexts, counted) { cache[phrase] = n }
        }
        return counted
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
            let words = try String.fetchAll(
                db.cachedStatement(
                    sql: """
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
