import Foundation
import GongshiTestSupport
import GongshiIndex
import GongshiSearch
import GongshiStore

/// The bundled Corpus/ indexed once into a temporary database, shared by the tests.
enum BundledIndex {
    static let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardizedFileURL
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static let shared: Result<SearchEngine, any Error> = Result {
        let path = Scratch.directory.appendingPathComponent("gongshi-bundled-\(UUID().uuidString).sqlite").path
        let database = try GongshiDatabase(path: path)
        _ = try Indexer(corpus: projectRoot.appendingPathComponent("Corpus"), database: database).run()
        return try SearchEngine(database: database)
    }

    static func engine() throws -> SearchEngine { try shared.get() }
}
