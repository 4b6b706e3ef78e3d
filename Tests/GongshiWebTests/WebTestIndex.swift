import Foundation
import GongshiTestSupport
import GongshiIndex
import GongshiSearch
import GongshiStore
import GongshiWeb

/// The bundled corpus indexed once for the web tests.
enum WebTestIndex {
    static let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardizedFileURL

    static let shared: Result<Router, any Error> = Result {
        let path = Scratch.directory.appendingPathComponent("gongshi-web-\(UUID().uuidString).sqlite").path
        let database = try GongshiDatabase(path: path)
        _ = try Indexer(corpus: projectRoot.appendingPathComponent("Corpus"), database: database).run()
        let site = try Site(database: GongshiDatabase(path: path, readOnly: true),
                            staticDirectory: projectRoot.appendingPathComponent("Static").path)
        return Router(site: site)
    }

    static func router() throws -> Router { try shared.get() }
}
