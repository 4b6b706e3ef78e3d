import Foundation
import GRDB
import GongshiStore
import GongshiTestSupport
import Testing

@testable import GongshiSearch

/// What search keeps per index generation (row lengths for ranking, the documents
/// index's passages) must change no result: the same searches on a copy of the index
/// without a generation (which keeps nothing) answer the same, and gongshi_rank scores
/// the same with the row lengths as with FTS5's own look-up.
@Suite struct GenerationIndexTests {
    static let queries = [
        "民政", "社会团体登记", "法律服务协会", "成立社会团体条件", "成立协会", "社团登记多久", "基金会 原始基金", "民非 分支机构",
        "社团 年检 收费", "1+11+X", "shehui tuanti dengji", "jjh", "社會團體", "境外ngo", "严重违法失信名单", "青民〔2016〕45",
        "慈善法第十条", "法律服物工作者协会", "一步", "养老服务中心", "社会团体登记管理条例第十条", "社会团体登记管理条例", "falv fuwu",
    ]

    @Test func sameResultsWithoutTheGenerationIndex() throws {
        let engine = try SearchFixture.engine()
        let copy = Scratch.directory.appendingPathComponent("gongshi-no-generation-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: copy) }
        try engine.database.pool.writeWithoutTransaction { try $0.execute(sql: "VACUUM INTO ?", arguments: [copy]) }
        let database = try GongshiDatabase(path: copy)
        try database.pool.write { try $0.execute(sql: "DROP TABLE index_generation") }
        let plain = try SearchEngine(database: database)
        #expect(try plain.database.pool.read { try plain.generationIndex(db: $0) } == nil)
        // Built by this call, or by a search of another test running now (which returns nil
        // to other searches until it is done): wait for it, so the searches below use it.
        var built = false
        for _ in 0..<200 where !built {
            built = try engine.database.pool.read { try engine.generationIndex(db: $0) } != nil
            if !built { Thread.sleep(forTimeInterval: 0.05) }
        }
        #expect(built)
        var compared = 0
        for query in Self.queries {
            for request in [
                SearchRequest(query: query), SearchRequest(query: query, offset: 10), SearchRequest(query: query, kind: .article),
                SearchRequest(query: query, limit: 30),
            ] {
                let expected = try plain.search(request)
                #expect(try engine.search(request) == expected, "\(query)")
                compared += expected.results.count
            }
        }
        #expect(compared > 200)
    }

    @Test func rankingWithRowLengthsScoresAsFTS5() throws {
        let engine = try SearchFixture.engine()
        try engine.database.pool.read { db in
            var compared = 0
            for query in Self.queries {
                let analysis = try engine.analyze(query, db: db)
                guard let expression = analysis.expression?.restricted(to: SearchEngine.textColumns) else { continue }
                let weights = expression.rankArguments(rowCounts: expression.phraseTexts.map { _ in nil }, shortened: try engine.shortened(expression))
                for table in SearchTable.allCases {
                    let lengths = try #require(try RowLengths(table: table, db: db))
                    let name = table.rawValue
                    let placeholders = Array(repeating: "?", count: weights.count + 1).joined(separator: ", ")
                    let statement = try db.makeStatement(sql: "SELECT rowid, gongshi_rank(\(name), \(placeholders)) FROM \(name) WHERE \(name) MATCH ?")
                    func scores(_ bound: RowLengths?) throws -> [Int64: Double] {
                        try statement.setArguments(StatementArguments(weights) + [DatabaseValue.null, expression.shortText])
                        bound?.bind(to: statement, index: Int32(weights.count + 1))
                        let rows = try withExtendedLifetime(bound) { try Row.fetchAll(statement) }
                        return Dictionary(uniqueKeysWithValues: rows.map { ($0[0] as Int64, $0[1] as Double) })
                    }
                    let known = try scores(lengths)
                    #expect(known == (try scores(nil)), "\(query) in \(name)")
                    compared += known.count
                    // The lengths are really read: rows said to be empty score otherwise.
                    if let rowid = known.keys.max() {
                        let empty = RowLengths(lengths: [Int32](repeating: 0, count: Int(rowid) + 1))
                        #expect(try scores(empty) != known, "\(query) in \(name)")
                    }
                }
            }
            #expect(compared > 500)
        }
    }

    /// A server builds the index at start (`Site.warmUp`), so no visitor's search pays for it.
    @Test func prepareBuildsTheCurrentGenerationsIndex() throws {
        let engine = try SearchEngine(database: FixtureIndex.database())
        #expect(engine.generationIndex.value == nil)
        try engine.prepare()
        let generation = try engine.database.pool.read { try $0.indexGeneration() }
        #expect(generation > 0)
        #expect(engine.generationIndex.value?.generation == generation)
    }

    @Test func docsizeVarintsAreSummed() {
        #expect(RowLengths.total(Data([0x03, 0x00, 0x81, 0x00, 0x05, 0x00])) == 3 + 128 + 5)
        #expect(RowLengths.total(Data()) == 0)
    }

    /// The in-memory titles only skip the title look-up when it would find nothing.
    @Test func documentTitlesNeverHideATitleHit() throws {
        let engine = try SearchFixture.engine()
        try engine.database.pool.read { db in
            let titles = try DocumentTitles(db: db)
            let all = try String.fetchAll(db, sql: "SELECT title FROM document")
            var names = all + all.map { $0.uppercased() } + all.map { String($0.dropFirst(7)) }
            names += all.compactMap { title in title.firstIndex(of: "（").map { String(title[..<$0]) } }
            names += ["不存在的办法", "100%办法", "社会团体登记管理条_"]
            var found = 0
            for name in names where !(try ResultResolver.documents(titled: name, db: db)).isEmpty {
                #expect(titles.mayHold(name), "\(name)")
                found += 1
            }
            #expect(found > 10)
            #expect(!titles.mayHold("不存在的办法"))
            #expect(titles.mayHold("社会团体登记管理条_"))
        }
    }
}
