import Foundation
import GongshiIndex
import GongshiStore
import GongshiTestSupport
import GongshiWeb
import Testing

/// An `index` run while the site serves: readers keep the old index until the run
/// commits, then every page (search, suggest, statistics) shows the new data.
@Suite struct ReindexWhileServingTests {
    static let header =
        "code,name,type,authority,supervisor,legal_rep,founded,capital,address,scope,status,grade,grade_from,grade_until,cert_until,inspections,region,center_level,center_served,center_staff,center_area\n"
    static let first =
        "51510107MJ2054483K,成都市武侯区退役军人服务协会,社会团体,成都市武侯区民政局,成都市武侯区退役军人事务局,林英,2008-11-25,30,成都市武侯区科华北路27号,为退役军人提供就业创业指导,正常,,,,2028-11-24,2024:合格,成都市武侯区,,,,\n"

    @Test func pagesSeeANewIndexWhenItCommits() throws {
        let root = Scratch.directory.appendingPathComponent("gongshi-reindex-\(UUID().uuidString)")
        let corpus = root.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus.appendingPathComponent("orgs"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: corpus.appendingPathComponent("policies"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.copyItem(
            at: ProjectPaths.fixtureCorpus.appendingPathComponent("policies/regulations/shetuan-dengji-tiaoli.md"),
            to: corpus.appendingPathComponent("policies/shetuan-dengji-tiaoli.md"))
        try (Self.header + Self.first).write(to: corpus.appendingPathComponent("orgs/a.csv"), atomically: true, encoding: .utf8)
        let path = root.appendingPathComponent("index.sqlite").path
        let writer = try GongshiDatabase(path: path)
        _ = try Indexer(corpus: corpus, database: writer).run()

        let router = Router(site: try Site(database: GongshiDatabase(path: path, readOnly: true), staticDirectory: nil))
        func json(_ path: String, _ query: [String: String]) throws -> [String: Any] {
            let response = router.handle(HTTPRequest(path: path, query: query))
            return try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
        }
        #expect(try json("/api/stats", [:])["total_organizations"] as? Int == 1)
        #expect(try json("/api/orgs", [:])["total"] as? Int == 1)
        // No organization has 养老服务 yet: nothing, or (relaxed) results for one of its words only.
        let before = try json("/api/search", ["q": "养老服务", "type": "org"])
        #expect((before["results"] as? [[String: Any]] ?? []).allSatisfy { !(($0["title"] as? String) ?? "").contains("养老服务") })
        #expect(before["total"] as? Int == 0 || (before["relaxed"] as? [String])?.isEmpty == false)

        // A second file arrives; the indexer commits while the router stays open.
        let code = try #require(CreditCode.complete("51510107MJ205448" + "1")?.value)
        let second = "\(code),成都市武侯区养老服务促进会,社会团体,成都市武侯区民政局,,王芳,2020-05-06,10,成都市武侯区一环路1号,养老服务,正常,,,,2026-05-05,,成都市武侯区,,,,\n"
        try (Self.header + second).write(to: corpus.appendingPathComponent("orgs/b.csv"), atomically: true, encoding: .utf8)
        _ = try Indexer(corpus: corpus, database: writer).run()

        #expect(try json("/api/stats", [:])["total_organizations"] as? Int == 2)
        #expect(try json("/api/orgs", [:])["total"] as? Int == 2)
        let found = try json("/api/search", ["q": "养老服务", "type": "org"])
        #expect((found["results"] as? [[String: Any]])?.first?["id"] as? String == code)
        #expect((found["relaxed"] as? [String]) == [])
        let suggestions = try json("/api/suggest", ["q": "成都市武侯区养老"])["suggestions"] as? [[String: Any]]
        #expect(suggestions?.contains { $0["code"] as? String == code } == true)
        #expect(router.handle(HTTPRequest(path: "/orgs/\(code)")).status == 200)
    }
}
