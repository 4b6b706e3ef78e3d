import Foundation
import GRDB

/// What search knows about the words people type, read from the index: synonym groups
/// (`synonyms.txt`: 社团 = 社会团体, both ways), colloquial words and the terms the
/// regulations use for them (`qa-vocabulary.txt` [口语]: 多久 → 期限 日内 工作日, one way),
/// and question words or particles that carry nothing to match (吗, 如何). All folded
/// like the index (Simplified, NFKC, lower case).
public struct QueryVocabulary: Sendable, Equatable {
    /// Folded term -> the other terms of its synonym groups.
    public var synonyms: [String: [String]] = [:]
    /// Folded colloquial word -> the terms of the regulations it stands for.
    public var colloquial: [String: [String]] = [:]
    /// Folded question words and particles.
    public var questionWords: Set<String> = []
    /// Longest key (in Unicode scalars) of `synonyms` and `colloquial`.
    var longestKey = 0

    public init(synonyms: [String: [String]] = [:], colloquial: [String: [String]] = [:], questionWords: Set<String> = []) {
        self.synonyms = synonyms
        self.colloquial = colloquial
        self.questionWords = questionWords
        longestKey = (Array(synonyms.keys) + Array(colloquial.keys)).map(\.unicodeScalars.count).max() ?? 0
    }

    /// The raw rows the vocabulary is built from: cheap to read per query, and the key of
    /// the folded vocabulary, which is expensive to build (ICU folds every term).
    public struct Source: Equatable, Sendable {
        var synonyms: [[String]]
        var vocabulary: [[String]]
    }

    public static func source(_ db: Database) throws -> Source {
        let synonyms = try Row.fetchAll(db.cachedStatement(sql: "SELECT term, group_id FROM synonym ORDER BY group_id, term")).map {
            [$0["term"] as String, String($0["group_id"] as Int)]
        }
        let vocabulary = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT kind, term, expansion FROM qa_vocabulary WHERE kind IN ('question', 'term') ORDER BY rowid
                    """)
        ).map { [$0["kind"] as String, $0["term"] as String, $0["expansion"] as String] }
        return Source(synonyms: synonyms, vocabulary: vocabulary)
    }

    public static func build(_ source: Source, tokenizer: ChineseTokenizer) -> QueryVocabulary {
        func fold(_ text: String) -> String { QueryWords.fold(text, tokenizer: tokenizer) }
        var groups: [String: [String]] = [:]
        for row in source.synonyms { groups[row[1], default: []].append(fold(row[0])) }
        var synonyms: [String: [String]] = [:]
        for terms in groups.values {
            for term in terms where !term.isEmpty {
                synonyms[term, default: []] += terms.filter { $0 != term && !$0.isEmpty }
            }
        }
        var colloquial: [String: [String]] = [:]
        var questionWords: Set<String> = []
        for row in source.vocabulary {
            let words = row[1].split(separator: " ").map { fold(String($0)) }.filter { !$0.isEmpty }
            if row[0] == "question" {
                questionWords.formUnion(words)
            } else {
                let expansions = row[2].split(separator: " ").map { fold(String($0)) }.filter { !$0.isEmpty }
                for word in words {
                    var list = colloquial[word] ?? []
                    for e in expansions where e != word && !list.contains(e) { list.append(e) }
                    colloquial[word] = list
                }
            }
        }
        return QueryVocabulary(synonyms: synonyms, colloquial: colloquial, questionWords: questionWords)
    }

    func isKey(_ text: String) -> Bool { synonyms[text] != nil || colloquial[text] != nil }
}

/// Cached folded vocabulary per source, shared by the engines of one process.
public final class QueryVocabularyCache: @unchecked Sendable {
    private var cached: (generation: Int64, source: QueryVocabulary.Source?, vocabulary: QueryVocabulary)?
    private let lock = NSLock()

    public init() {}

    /// Keyed by the index generation (one row to read); an index older than generations
    /// (generation 0) compares the vocabulary rows themselves.
    public func vocabulary(_ db: Database, tokenizer: ChineseTokenizer) throws -> QueryVocabulary {
        try vocabulary(db, tokenizer: tokenizer, generation: try db.indexGeneration())
    }

    /// The same for a `generation` the caller has read in this transaction (a search reads
    /// it once, not at each step that needs it).
    public func vocabulary(_ db: Database, tokenizer: ChineseTokenizer, generation: Int64) throws -> QueryVocabulary {
        if generation > 0, let hit = lock.withLock({ cached?.generation == generation ? cached?.vocabulary : nil }) { return hit }
        let source = try QueryVocabulary.source(db)
        if generation == 0, let hit = lock.withLock({ cached?.source == source ? cached?.vocabulary : nil }) { return hit }
        let vocabulary = QueryVocabulary.build(source, tokenizer: tokenizer)
        lock.withLock { cached = (generation, generation == 0 ? source : nil, vocabulary) }
        return vocabulary
    }
}
