import Foundation
import GongshiTestSupport
import GongshiIndex
@testable import GongshiSearch
import GongshiStore
import Testing

/// The response cache and the hand-written JSON of the search contract.
@Suite struct SearchCacheTests {
    static func foundationJSON(_ response: SearchResponse) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(response), as: UTF8.self)
    }

    @Test func handWrittenJSONIsWhatJSONEncoderWrites() throws {
        let tricky = SearchResponse(query: "引号\" 反斜杠\\ /斜杠 \u{1}\u{1F}\t\n\r\u{8}\u{C} 😀 <mark>", total: 3, results: [
            SearchResult(kind: "article", id: "shetuan#a10", title: "社会团体登记管理条例", label: "第十条",
                         snippet: "…<mark>民政</mark>部门 &amp; \"x\"…", url: "/policies/shetuan#a10", score: 12.890692970991086),
            SearchResult(kind: "org", id: "51310000MJ0000000X", title: "某某协会", label: nil, snippet: "", url: "/orgs/51310000MJ0000000X", score: 1000),
            SearchResult(kind: "notice", id: "n1", title: "公告", label: "", snippet: "x", url: "/notices/n1", score: 0.000123),
        ])
        #expect(String(decoding: tricky.jsonBytes(), as: UTF8.self) == (try Self.foundationJSON(tricky)))
        let empty = SearchResponse(query: "", total: 0, results: [])
        #expect(String(decoding: empty.jsonBytes(), as: UTF8.self) == (try Self.foundationJSON(empty)))
    }

    @Test(arguments: ["民政", "社团 年检 收费", "青民[2016]45号", "shehui tuanti dengji", "ＡＡＡ评估"])
    func handWrittenJSONMatchesForRealResults(query: String) throws {
        let response = try SearchFixture.engine().search(SearchRequest(query: query, limit: 20))
        #expect(!response.results.isEmpty)
        #expect(String(decoding: response.jsonBytes(), as: UTF8.self) == (try Self.foundationJSON(response)))
    }

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

        try (header + "N1,关于甲协会成立登记的公告,成立登记,某区民政局,2024-01-02,甲协会准予成立登记\n"
             + "N2,关于乙基金会成立登记的公告,成立登记,某区民政局,2024-02-03,乙基金会准予成立登记\n").write(to: notices, atomically: true, encoding: .utf8)
        _ = try Indexer(corpus: corpus, database: database).run()
        #expect(try database.read { try $0.indexGeneration() } > generation)
        let second = try cached.search(request)
        #expect(second.total == 2)
        #expect(second.results == (try plain.search(request)).results)
    }
}
