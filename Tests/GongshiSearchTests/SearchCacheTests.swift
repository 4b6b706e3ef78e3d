import Foundation
import GongshiIndex
import GongshiStore
import GongshiTestSupport
import Testing

@testable import GongshiSearch

/// The response cache (the hand-written JSON of the contract is tested with the web layer).
@Suite struct SearchCacheTests {
    /// A cached engine answers exactly as an uncached one, and a new index run (a new
    /// generation) is seen at once, never the previous run's results.
    @Test func cachedResultsFollowEachIndexRun() throws {
        let dir = Scratch.directory.appendingPathComponent("gongshi-cache-\(UUID().uuidString)")
        let corpus = dir.appendingPathComponent("Corpus")
        try FileManager.default.createDirectory(at: corpus.appendingPathComponent("notices"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let notices = corpus.appendingPathComponent("notices/n.csv")
        let header = "id,title,kind,issuer,date,body\n"
        try (header + "N1,关于甲协会成立登记的公告,成立登记,某区民政局,2024-01-02,甲协会准予成立登记\n").write(to: notices, atomically: true, encoding: .utf8)
        let path = dir.appendingPathComponent("index.sqlite").path
        let database = try GongshiDatabase(path: path)
        _ = try Indexer(corpus: corpus, database: database).run()

        let cached = try SearchEngine(database: database, cachedResponses: 16)
        let plain = try SearchEngine(database: database)
        let request = SearchRequest(query: "成立登记")
        let first = try cached.search(request)
        #expect(first.total == 1)
        #expect(try cached.search(request).results == first.results)
        #expect(try plain.search(request).results == first.results)
        let generation = try database.read { try $0.indexGeneration() }

        try
            (header + "N1,关于甲协会成立登记的公告,成立登记,某区民政局,2024-01-02,甲协会准予成立登记\n"
            + "N2,关于乙基金会成立登记的公告,成立登记,某区民政局,2024-02-03,乙基金会准予成立登记\n").write(to: notices, atomically: true, encoding: .utf8)
        _ = try Indexer(corpus: corpus, database: database).run()
        #expect(try database.read { try $0.indexGeneration() } > generation)
        let second = try cached.search(request)
        #expect(second.total == 2)
        #expect(second.results == (try plain.search(request)).results)
    }
}
