import Foundation
import GongshiAnswers
import GongshiDisclosure
import GongshiIndex
import GongshiSearch
import GongshiStore
import GongshiTestSupport
import GongshiWeb

/// The bundled corpus indexed once for the web tests.
enum WebTestIndex {
    static let projectRoot = ProjectPaths.root

    static let shared: Result<Router, any Error> = Result {
        let path = Scratch.directory.appendingPathComponent("gongshi-web-\(UUID().uuidString).sqlite").path
        let database = try GongshiDatabase(path: path)
        _ = try Indexer(corpus: ProjectPaths.fixtureCorpus, database: database).run()
        let site = try Site(
            database: GongshiDatabase(path: path, readOnly: true),
            staticDirectory: ProjectPaths.staticFiles.path)
        return Router(site: site)
    }

    static func router() throws -> Router { try shared.get() }

    /// A live server for the bundled index on a free loopback port (the caller stops it).
    static func startServer(threads: Int? = nil) throws -> HTTPServer {
        let server = HTTPServer(router: try router())
        var options = HTTPServer.Options()
        options.port = 0
        if let threads { options.threads = threads }
        try server.start(options)
        return server
    }
}

extension WebTestIndex {
    /// The shared router, or nil when the fixture index could not be built.
    static func routerOrNil() -> Router? { try? shared.get() }
}
