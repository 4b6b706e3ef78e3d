import CChineseTokenizer
import Foundation
import GRDB
import GongshiTestSupport
import Testing

/// The "gongshi" tokenizer registered on a real SQLite file and used by an FTS5 table.
@Suite struct Fts5RegistrationTests {
    static let rows = [
        "区民政局负责登记",  // 1: 民政 inside the dictionary word 民政局
        "进一步加强服务中心建设",  // 2: 一步 inside 进一步
        "社会团体登记管理条例",  // 3: Simplified
        "社會團體登記管理條例",  // 4: Traditional
        "获得AAA等级",  // 5: ASCII
        "获得ＡＡＡ等级",  // 6: full-width
        "县级以上人民政府",  // 7: 民政 across 人民 + 政府
        "青民〔2016〕45号",  // 8: 文号
    ]

    /// A database file in its own temporary directory, removed by `cleanUp`.
    struct Fixture {
        let directory: URL
        let queue: DatabaseQueue
        func cleanUp() { try? FileManager.default.removeItem(at: directory) }
    }

    static func register(_ db: Database) {
        #expect(gongshi_register_fts5_tokenizer(UnsafeMutableRawPointer(db.sqliteConnection)) == 0 /* SQLITE_OK */)
    }

    static func fixture() throws -> Fixture {
        let directory = Scratch.directory
            .appendingPathComponent("gongshi-fts5-registration-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let queue = try DatabaseQueue(path: directory.appendingPathComponent("index.sqlite").path)
        // A DatabaseQueue has one connection: registering on it once covers every access.
        queue.inDatabase { db in register(db) }
        try queue.write { db in
            try db.execute(sql: "CREATE VIRTUAL TABLE t USING fts5(body, tokenize='gongshi')")
            for body in rows { try db.execute(sql: "INSERT INTO t(body) VALUES (?)", arguments: [body]) }
        }
        return Fixture(directory: directory, queue: queue)
    }

    static func rowids(_ query: String, _ queue: DatabaseQueue) throws -> [Int64] {
        try queue.read { db in
            try Int64.fetchAll(db, sql: "SELECT rowid FROM t WHERE t MATCH ? ORDER BY rowid", arguments: [query])
        }
    }

    static func highlights(_ query: String, _ queue: DatabaseQueue) throws -> [String] {
        try queue.read { db in
            try String.fetchAll(
                db, sql: "SELECT highlight(t, 0, '[', ']') FROM t WHERE t MATCH ? ORDER BY rowid",
                arguments: [query])
        }
    }

    @Test func substringsInsideDictionaryWordsMatch() throws {
        let fixture = try Self.fixture()
        defer { fixture.cleanUp() }
        #expect(try Self.rowids("\"民政\"", fixture.queue) == [1, 7])
        #expect(try Self.rowids("\"一步\"", fixture.queue) == [2])
        #expect(try Self.rowids("\"政局\"", fixture.queue) == [1])
    }

    @Test func traditionalQueriesMatchSimplifiedTextAndBack() throws {
        let fixture = try Self.fixture()
        defer { fixture.cleanUp() }
        #expect(try Self.rowids("\"社會團體\"", fixture.queue) == [3, 4])
        #expect(try Self.rowids("\"社会团体\"", fixture.queue) == [3, 4])
        #expect(try Self.rowids("\"管理條例\"", fixture.queue) == [3, 4])
    }

    @Test func fullWidthAndCaseFoldedQueriesMatch() throws {
        let fixture = try Self.fixture()
        defer { fixture.cleanUp() }
        #expect(try Self.rowids("\"ＡＡＡ\"", fixture.queue) == [5, 6])
        #expect(try Self.rowids("\"aaa\"", fixture.queue) == [5, 6])
        #expect(try Self.rowids("\"２０１６\"", fixture.queue) == [8])
        #expect(try Self.rowids("\"青民 2016 45号\"", fixture.queue) == [8])
    }

    @Test func highlightBracketsTheOriginalCharacters() throws {
        let fixture = try Self.fixture()
        defer { fixture.cleanUp() }
        #expect(try Self.highlights("\"民政\"", fixture.queue) == ["区[民政]局负责登记", "县级以上人[民政]府"])
        #expect(try Self.highlights("\"一步\"", fixture.queue) == ["进[一步]加强服务中心建设"])
        // The Traditional originals are marked, whichever script the query used.
        #expect(try Self.highlights("\"社会团体\"", fixture.queue) == ["[社会团体]登记管理条例", "[社會團體]登記管理條例"])
        #expect(try Self.highlights("\"團體\" \"條例\"", fixture.queue) == ["社会[团体]登记管理[条例]", "社會[團體]登記管理[條例]"])
        #expect(try Self.highlights("\"aaa\"", fixture.queue) == ["获得[AAA]等级", "获得[ＡＡＡ]等级"])
        #expect(try Self.highlights("2016", fixture.queue) == ["青民〔[2016]〕45号"])
    }

    @Test func tokenizerArgumentsAreRejected() throws {
        let fixture = try Self.fixture()
        defer { fixture.cleanUp() }
        let error = #expect(throws: DatabaseError.self) {
            try fixture.queue.writeWithoutTransaction { db in
                try db.execute(sql: "CREATE VIRTUAL TABLE u USING fts5(body, tokenize='gongshi extra')")
            }
        }
        #expect(error?.resultCode == .SQLITE_ERROR)
        // Nothing was created.
        let tables = try fixture.queue.read { db in try db.tableExists("u") }
        #expect(!tables)
    }

    @Test func registrationIsPerConnection() throws {
        let fixture = try Self.fixture()
        defer { fixture.cleanUp() }
        // A second connection to the same file has no "gongshi" tokenizer until it
        // registers one.
        let other = try DatabaseQueue(path: fixture.directory.appendingPathComponent("index.sqlite").path)
        #expect(throws: DatabaseError.self) { try Self.rowids("\"民政\"", other) }
        other.inDatabase { db in Self.register(db) }
        #expect(try Self.rowids("\"民政\"", other) == [1, 7])
    }
}
