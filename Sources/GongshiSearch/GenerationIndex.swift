import GRDB
import GongshiStore

/// Query-independent data search derives from one index generation and keeps until the
/// next (an index in memory, not a result cache): each row's length for ranking and
/// the identity of every documents-index row, and the document titles (read once, kept for
/// the exact title hits and, folded, for did-you-mean).
struct GenerationIndex: Sendable {
    let generation: Int64
    let passages: DocumentPassages
    let lengths: [SearchTable: RowLengths]
    let titles: DocumentTitles
    let didYouMeanTitles: TitleIndex

    /// `fold`: how did-you-mean folds a title (the search's tokenizer).
    init(generation: Int64, db: Database, fold: (String) throws -> String) throws {
        self.generation = generation
        passages = try DocumentPassages(db: db)
        var lengths: [SearchTable: RowLengths] = [:]
        for table in SearchTable.allCases { lengths[table] = try RowLengths(table: table, db: db) }
        self.lengths = lengths
        let all = try String.fetchAll(db, sql: "SELECT DISTINCT title FROM document ORDER BY title")
        titles = DocumentTitles(titles: all)
        didYouMeanTitles = try TitleIndex(titles: all, fold: fold)
    }
}

extension SearchEngine {
    /// The current generation's index, built on first use (nil for a database indexed
    /// before generations existed, which cannot tell when it changes). One search builds it
    /// (a few hundred ms on a large corpus); searches meanwhile get nil and read the same
    /// from the database, instead of each building it again.
    func generationIndex(db: Database) throws -> GenerationIndex? {
        try generationIndex(db: db, generation: try db.indexGeneration())
    }

    /// The same for a `generation` read in this transaction.
    func generationIndex(db: Database, generation: Int64) throws -> GenerationIndex? {
        guard generation > 0 else { return nil }
        if let known = generationIndex.value, known.generation == generation { return known }
        let builds = buildingGeneration.withLock { building in
            guard building != generation else { return false }
            building = generation
            return true
        }
        guard builds else { return nil }
        defer { buildingGeneration.withLock { if $0 == generation { $0 = 0 } } }
        let built = try GenerationIndex(generation: generation, db: db, fold: titleFold)
        generationIndex.withLock { current in
            if current?.generation != generation { current = built }
        }
        return built
    }
}

extension SearchEngine {
    /// Builds the current generation's index ahead of the first search (a server calls it at
    /// start, so no visitor's search pays the few hundred ms).
    public func prepare() throws(SearchError) {
        do {
            _ = try database.pool.read { db in try generationIndex(db: db) }
        } catch {
            throw .store(StoreError.wrap(error, path: database.path))
        }
    }
}
