import Foundation
import GRDB
import GongshiIndex
import GongshiStore
import GongshiTestSupport
import InMemoryLogging
import Logging
import Testing

@testable import GongshiWeb

/// A database that breaks under a running site: every route that reads it answers with
/// the one error shape (JSON for the API and the feed, the error page for pages), and the
/// failure is logged exactly once, at error level, with its SQL and the request's path but
/// not its query.
@Suite struct ServerErrorTests {
    /// The bundled corpus indexed into a file of its own (its tables get dropped), with ids
    /// of each kind of record read before they go.
    struct BrokenSite {
        let router: Router
        let logs: InMemoryLogHandler
        let policy: String, code: String, center: String, notice: String
    }

    static func brokenSite() throws -> BrokenSite {
        let path = Scratch.directory.appendingPathComponent("gongshi-broken-\(UUID().uuidString).sqlite").path
        let database = try GongshiDatabase(path: path)
        _ = try Indexer(corpus: ProjectPaths.fixtureCorpus, database: database).run()
        let ids = try database.read { db in
            (
                try String.fetchOne(db, sql: "SELECT id FROM document ORDER BY id LIMIT 1"),
                try String.fetchOne(db, sql: "SELECT code FROM org WHERE center_level IS NULL ORDER BY code LIMIT 1"),
                try String.fetchOne(db, sql: "SELECT code FROM org WHERE center_level IS NOT NULL ORDER BY code LIMIT 1"),
                try String.fetchOne(db, sql: "SELECT id FROM notice ORDER BY id LIMIT 1")
            )
        }
        let logs = InMemoryLogHandler()
        let site = try Site(
            database: GongshiDatabase(path: path, readOnly: true), staticDirectory: nil, cachedSearches: 0,
            logger: Logger(label: "gongshi.web.test", factory: { _ in logs }))
        // The site is up; now every table of records goes (the full-text tables stay, so
        // searches match and then fail on the rows they resolve).
        try database.pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            for table in [
                "document", "unit", "org", "org_inspection", "credit_record", "notice", "notice_org", "synonym", "pinyin_word",
                "entry", "faq", "faq_article", "qa_vocabulary", "service_center", "org_suggest", "center_rule",
            ] {
                try db.execute(sql: "DROP TABLE \(table)")
            }
        }
        return BrokenSite(
            router: Router(site: site), logs: logs, policy: try #require(ids.0), code: try #require(ids.1),
            center: try #require(ids.2), notice: try #require(ids.3))
    }

    /// Every route that reads the database, with the query each needs to reach it.
    static func routes(_ s: BrokenSite) -> [HTTPRequest] {
        let q = "原始基金"
        let question = "成立社会团体需要什么条件"
        return [
            HTTPRequest(path: "/"),
            HTTPRequest(path: "/search", query: ["q": q]), HTTPRequest(path: "/api/search", query: ["q": q]),
            HTTPRequest(path: "/api/search", query: ["q": q, "facets": "1"]),
            HTTPRequest(path: "/policies"), HTTPRequest(path: "/api/policies"),
            HTTPRequest(path: "/policies/\(s.policy)"), HTTPRequest(path: "/api/policies/\(s.policy)"),
            HTTPRequest(path: "/ask", query: ["q": question]), HTTPRequest(path: "/api/ask", query: ["q": question]),
            HTTPRequest(path: "/orgs"), HTTPRequest(path: "/orgs", query: ["format": "csv"]), HTTPRequest(path: "/api/orgs"),
            HTTPRequest(path: "/orgs/\(s.code)"), HTTPRequest(path: "/api/orgs/\(s.code)"), HTTPRequest(path: "/api/orgs/\(s.center)/center"),
            HTTPRequest(path: "/api/suggest", query: ["q": "上海"]),
            HTTPRequest(path: "/credit/abnormal"), HTTPRequest(path: "/credit/serious", query: ["format": "csv"]),
            HTTPRequest(path: "/api/credit/abnormal"), HTTPRequest(path: "/api/credit/serious"),
            HTTPRequest(path: "/notices"), HTTPRequest(path: "/api/notices"),
            HTTPRequest(path: "/notices/\(s.notice)"), HTTPRequest(path: "/api/notices/\(s.notice)"), HTTPRequest(path: "/notices.atom"),
            HTTPRequest(path: "/stats"), HTTPRequest(path: "/api/stats"),
            HTTPRequest(path: "/sitemap.xml"), HTTPRequest(path: "/sitemap-0.xml"),
        ]
    }

    @Test func everyRouteAnswersADatabaseErrorWithTheOneShapeAndLogsItOnce() throws {
        let s = try Self.brokenSite()
        for request in Self.routes(s) {
            s.logs.clear()
            let response = s.router.handle(request)
            let label = "\(request.path) \(request.query)"
            #expect(response.status == 500, "\(label)")
            if request.path.hasPrefix("/api/") || request.path == "/notices.atom" {
                #expect(response.header("Content-Type") == "application/json; charset=utf-8", "\(label)")
                let body = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any], "\(label)")
                #expect(Set(body.keys) == ["error"], "\(label)")
                let error = try #require(body["error"] as? [String: Any], "\(label)")
                #expect(Set(error.keys) == ["status", "message"] && error["status"] as? Int == 500, "\(label)")
                #expect((error["message"] as? String)?.isEmpty == false, "\(label)")
            } else {
                #expect(response.header("Content-Type") == "text/html; charset=utf-8", "\(label)")
                #expect(response.text.contains("服务暂时不可用"), "\(label)")
            }
            // Neither the SQL nor the error reaches the person.
            #expect(!response.text.contains("SQL") && !response.text.contains("no such table"), "\(label)")

            let entries = s.logs.entries
            #expect(entries.count == 1, "\(label): \(entries.map(\.message))")
            let entry = try #require(entries.first, "\(label)")
            #expect(entry.level == .error, "\(label)")
            let message = "\(entry.message)"
            #expect(message.contains(request.path) && message.contains("[SQL: ") && message.contains("no such table"), "\(label): \(message)")
            #expect(entry.metadata["path"] == .string(request.path), "\(label)")
            for value in request.query.values where value.count > 1 { #expect(!message.contains(value), "\(label): the query reached the log") }
        }
    }

    @Test func theUsersMistakesAreNotLogged() throws {
        let s = try Self.brokenSite()
        s.logs.clear()
        #expect(s.router.handle(HTTPRequest(path: "/api/search", query: ["q": "民政", "type": "bogus"])).status == 400)
        #expect(s.router.handle(HTTPRequest(path: "/orgs/NOT-A-CODE")).status == 400)
        #expect(s.router.handle(HTTPRequest(path: "/nothing")).status == 404)
        #expect(s.router.handle(HTTPRequest(method: "POST", path: "/api/search")).status == 405)
        #expect(s.logs.entries.isEmpty)
    }
}
