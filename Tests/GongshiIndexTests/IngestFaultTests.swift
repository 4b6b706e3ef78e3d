import Foundation
import GongshiIndex
import GongshiStore
import GongshiTestSupport
import Testing

/// Issue 17, findings 3–5: bad input is reported by file and line and never loses what the
/// index had.
@Suite struct IngestFaultTests {
    static let bundledOrgs = ProjectPaths.fixtureCorpus.appendingPathComponent("orgs/orgs-0001.csv")

    static func orgsBytes() throws -> [UInt8] { Array(try Data(contentsOf: bundledOrgs)) }

    /// `bytes` with `insert` put into line `line` (1-based) after its first `offset` bytes.
    static func inserting(_ insert: [UInt8], intoLine line: Int, offset: Int = 30, of bytes: [UInt8]) -> [UInt8] {
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        lines[line - 1].insert(contentsOf: insert, at: offset)
        return Array(lines.joined(separator: [0x0A]))
    }

    // Finding 3: one \xff made the whole file GB18030 and every row was rejected.
    @Test func oneBadByteInUTF8RejectsOnlyItsLine() throws {
        let t = try TestCorpus()
        let original = try Self.orgsBytes()
        let rows = original.split(separator: 0x0A).count - 1
        try t.write("orgs/orgs.csv", Data(Self.inserting([0xFF], intoLine: 11, of: original)))
        let summary = try t.index()
        #expect(try t.count("org") == rows - 1)
        #expect(summary.problems.map(\.description) == ["orgs/orgs.csv:11: 行: 含有不是 UTF-8 的字节，整行未读入"])
    }

    @Test func gb18030IsChosenOnlyWhenTheBytesSaySo() throws {
        let gb = Array(try Data(contentsOf: TestCorpus.fixtures.appendingPathComponent("orgs-gb18030.csv")))
        #expect(CorpusText.decode(gb)?.encoding == .gb18030)
        let utf8 = Self.inserting([0xFF, 0xFE], intoLine: 3, of: try Self.orgsBytes())
        let decoded = try #require(CorpusText.decode(utf8))
        #expect(decoded.encoding == .utf8)
        #expect(decoded.badLines == [3])
        #expect(CorpusText.decode([0x00, 0x01, 0xFF, 0xFE, 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00]) == nil)
    }

    // Finding 3: the same byte in a regulation dropped the document and its articles.
    @Test func badByteInARegulationKeepsTheDocumentAndReportsTheLine() throws {
        let t = try TestCorpus()
        var bytes = Array(TestCorpus.policy.utf8)
        let lines = TestCorpus.policy.split(separator: "\n", omittingEmptySubsequences: false)
        let line = try #require(lines.firstIndex { $0.hasPrefix("第十条") }) + 1
        bytes = Self.inserting([0xFF], intoLine: line, offset: 16, of: bytes)
        try t.write("policies/test-ban-fa.md", Data(bytes))
        let summary = try t.index()
        #expect(summary.totals["document"] == 1)
        #expect(summary.totals["unit"] == 3)
        #expect(summary.problems.map(\.description) == ["policies/test-ban-fa.md:\(line): 行: 含有不是 UTF-8 的字节（已显示为 �）"])
    }

    // Finding 4: a 0-byte replacement wiped 300 organizations with exit 0.
    @Test(arguments: [
        ("empty", [UInt8]()),
        ("binary", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0xFF, 0xD8, 0xFF, 0xE0]),
        ("header-less", Array("hello,world\n1,2\n".utf8)),
        ("mostly rejected", Array("统一社会信用代码,名称,类型\n123,甲,社会团体\n456,乙,社会团体\n".utf8)),
    ])
    func aBadReplacementKeepsThePreviousRows(name: String, bytes: [UInt8]) throws {
        let t = try TestCorpus()
        try t.write("orgs/orgs.csv", Data(try Self.orgsBytes()))
        let before = try t.index().totals["org"] ?? 0
        #expect(before > 100)
        try t.write("orgs/orgs.csv", Data(bytes))
        let summary = try t.index()
        #expect(try t.count("org") == before, "\(name)")
        #expect(summary.filesKept == 1)
        #expect(summary.problems.contains { $0.file == "orgs/orgs.csv" && $0.why.contains("保留上一次索引的 \(before) 条记录") }, "\(name)")
        #expect(summary.rejected > 0)  // so `gongshi index` exits 1
        // The next run reports it again until the file is fixed.
        #expect(try t.index().filesKept == 1)
    }

    @Test func replaceEmptyWipesOnPurposeAndReportsOrphans() throws {
        let t = try TestCorpus()
        try t.write("orgs/orgs.csv", TestCorpus.orgsCSV)
        try t.write(
            "credit/credit.csv",
            """
            code,name,list,reason,authority,date
            51310118MJA000011X,上海市青浦区青少年足球协会,活动异常名录,未按规定参加年度检查,上海市青浦区民政局,2021-07-01
            """)
        #expect(try t.index().orphans.isEmpty)
        try t.write("orgs/orgs.csv", "")
        var indexer = Indexer(corpus: t.corpus, database: try t.database())
        indexer.replaceEmpty = true
        let summary = try indexer.run()
        #expect(try t.count("org") == 0)
        #expect(summary.rejected == 0)
        #expect(summary.orphans.map(\.description) == ["credit/credit.csv:2: 统一社会信用代码(code): 信用记录引用的社会组织“51310118MJA000011X”不在索引中"])
    }

    // Finding 5: an unterminated quote was reported as 类型: 缺少必填字段 and swallowed the next row.
    @Test func unterminatedQuoteIsNamedAndTheNextRowsAreRead() throws {
        let t = try TestCorpus()
        let lines = TestCorpus.orgsCSV.split(separator: "\n").map(String.init)
        // Line 3 gets a quote that never closes; lines 4 and 7 are good rows after it.
        var broken = lines
        broken[2] = broken[2].replacingOccurrences(of: ",上海市青浦区阳光", with: ",\"上海市青浦区阳光")
        try t.write("orgs/orgs.csv", broken.joined(separator: "\n") + "\n")
        let summary = try t.index()
        let messages = summary.problems.map(\.description)
        #expect(messages.contains("orgs/orgs.csv:3: 行: 未闭合的引号（第 3 行的引号没有配对）"))
        #expect(!messages.contains { $0.contains("缺少必填字段") && $0.hasPrefix("orgs/orgs.csv:3:") })
        // Every other line is counted as before: line 4 is rejected for its check character,
        // line 7 is accepted.
        #expect(messages.contains { $0.hasPrefix("orgs/orgs.csv:4: 统一社会信用代码(code): ") })
        #expect(
            try t.database().read { db in try String.fetchOne(db, sql: "SELECT name FROM org WHERE code = '53310118MJC000033C'") }
                == "上海市青浦区\"同心\"助学基金会")
        // A quote that closes on a later line, making a row of the wrong width, is the same.
        broken = lines
        broken[1] = broken[1].replacingOccurrences(of: ",上海市青浦区青少年", with: ",\"上海市青浦区青少年")
        let u = try TestCorpus()
        try u.write("orgs/orgs.csv", broken.joined(separator: "\n") + "\n")
        let second = try u.index().problems.map(\.description)
        #expect(second.contains("orgs/orgs.csv:2: 行: 未闭合的引号（第 2 行的引号没有配对）"))
        #expect(try u.database().read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM org WHERE code = '52310118MJB0000225'") } == 1)
    }

    // Finding 5: a 10 MB field made a 10.5 MB page.
    @Test func oversizedFieldRejectsTheRowWithFileLineField() throws {
        let t = try TestCorpus()
        var lines = TestCorpus.orgsCSV.split(separator: "\n").map(String.init)
        lines[0] += ",业务范围"
        lines[1] += "," + String(repeating: "长", count: 1_000_000)
        try t.write("orgs/orgs.csv", lines.joined(separator: "\n"))
        let summary = try t.index()
        #expect(summary.problems.map(\.description).contains("orgs/orgs.csv:2: 业务范围(scope): 长度为 1000000 个字符，超过上限 5000"))
        #expect(try t.database().read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM org WHERE code = '51310118MJA000011X'") } == 0)
    }

    // Finding 5: a successful run beside a running server left a WAL as large as the database.
    @Test func walIsTruncatedAfterARunEvenWithAReaderAttached() throws {
        let t = try TestCorpus()
        try t.write("orgs/orgs.csv", Data(try Self.orgsBytes()))
        let reader = try GongshiDatabase(path: t.databasePath)
        _ = try t.index()
        _ = try reader.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM org") }  // a server's reader
        try t.write("policies/test-ban-fa.md", TestCorpus.policy)
        let database = try t.database()
        _ = try Indexer(corpus: t.corpus, database: database).run()
        let wal = t.databasePath + "-wal"
        #expect(((try? FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int) ?? 0) > 0)
        try database.checkpointTruncating()
        #expect(((try? FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int) ?? 0) == 0)
        #expect(try reader.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM document") } == 1)
    }

    // Finding 5: a database on read-only media could not be served.
    @Test func immutableOpenReadsWithoutWALFiles() throws {
        let t = try TestCorpus()
        try t.write("orgs/orgs.csv", TestCorpus.orgsCSV)
        let database = try t.database()
        _ = try Indexer(corpus: t.corpus, database: database).run()
        try database.checkpointTruncating()
        let copy = t.root.appendingPathComponent("media/index.sqlite").path
        try FileManager.default.createDirectory(atPath: (copy as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: t.databasePath, toPath: copy)
        let immutable = try GongshiDatabase(path: copy, immutable: true)
        #expect(try immutable.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM org") } == 3)
        #expect(!FileManager.default.fileExists(atPath: copy + "-wal"))
        #expect(!FileManager.default.fileExists(atPath: copy + "-shm"))
    }
}
