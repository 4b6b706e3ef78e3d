import GRDB

/// The index generation: a counter that each committed index run increases, so readers
/// can keep what they derive from the index (result caches, the Q&A lexicon, statistics)
/// until the next run commits, and check that cheaply (one row) on every request.
extension Database {
    /// The query both readers of the generation run (this one and `IndexGenerationReader`).
    static let indexGenerationSQL = "SELECT value FROM index_generation WHERE id = 1"

    /// The current generation; 0 for a database indexed before generations existed.
    public func indexGeneration() throws -> Int64 {
        guard try tableExists("index_generation") else { return 0 }
        return try Int64.fetchOne(cachedStatement(sql: Self.indexGenerationSQL)) ?? 0
    }

    /// Called by the indexer inside its transaction: readers see the new number together
    /// with the new index, never one without the other.
    public func advanceIndexGeneration() throws {
        try cachedStatement(sql: "UPDATE index_generation SET value = value + 1 WHERE id = 1").execute()
    }
}
