import Foundation
import GongshiIndex
import GongshiStore

/// The fixture corpus indexed once per test process into a scratch database, shared by
/// the tests that only read it.
public enum FixtureIndex {
    static let shared: Result<String, any Error> = Result {
        let path = Scratch.directory.appendingPathComponent("gongshi-fixture-\(UUID().uuidString).sqlite").path
        let database = try GongshiDatabase(path: path)
        _ = try Indexer(corpus: ProjectPaths.fixtureCorpus, database: database).run()
        return path
    }

    /// The path of the indexed fixture database.
    public static func path() throws -> String { try shared.get() }

    /// A read-write handle on the shared fixture database.
    public static func database() throws -> GongshiDatabase {
        try databaseHandle.get()
    }

    static let databaseHandle: Result<GongshiDatabase, any Error> = Result { try GongshiDatabase(path: try path()) }
}
