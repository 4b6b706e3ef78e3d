import GRDB
import GongshiStore
import GongshiTestSupport
import Testing

@testable import GongshiSearch

/// Snippets are made from the row's text (snippet.c) instead of FTS5's snippet(): on every
/// matching row of these queries, in both indexes, for the best column and for the body,
/// the two must be the same text with the same marks.
@Suite struct TextSnippetTests {
    @Test(arguments: [
        "社会团体登记", "法律服务协会", "民政局", "成立协会", "基金会 原始基金", "社团", "养老服务中心", "民政",
        "1+11+X", "青浦区 书画", "境外ngo", "社會團體", "成立社会团体条件", "严重违法失信名单", "2016", "AAA", "一步",
        "协会 多久", "活动异常名录", "第十条", "年检", "行政处罚 警告",
    ])
    func sameAsFTS5(query: String) throws {
        let engine = try SearchFixture.engine()
        var compared = 0
        try engine.database.pool.read { db in
            let analysis = try engine.analyze(query, db: db)
            let expression = try #require(analysis.matching?.restricted(to: SearchEngine.textColumns))
            for table in SearchTable.allCases {
                let name = table.rawValue
                let rowids = try Int64.fetchAll(db, sql: "SELECT rowid FROM \(name) WHERE \(name) MATCH ? LIMIT 300", arguments: [expression.text])
                for rowid in rowids {
                    for column in [-1, 2] {
                        let text = try #require(try engine.textSnippet(expression, in: table, rowid: rowid, column: column, db: db))
                        let fts5 = try engine.fts5Snippet(expression, in: table, rowid: rowid, column: column, db: db)
                        #expect(text == fts5, "\(query) \(name) \(rowid) \(column)")
                        compared += 1
                    }
                }
            }
        }
        #expect(compared > 0)
    }

    /// Pinyin queries match whole words and prefixes, which only FTS5 can mark.
    @Test func pinyinExpressionsAreLeftToFTS5() throws {
        let engine = try SearchFixture.engine()
        try engine.database.pool.read { db in
            var pinyin = MatchExpression()
            pinyin.phrase("shehui", weight: 1, prefix: true)
            let prefix = try engine.textSnippet(pinyin.restricted(to: ["pinyin"]), in: .documents, rowid: 1, column: -1, db: db)
            #expect(prefix == nil)
            var word = MatchExpression()
            word.phrase(ChineseTokenizer.wordMarker + "社会团体", weight: 1)
            let whole = try engine.textSnippet(word.restricted(to: SearchEngine.textColumns), in: .documents, rowid: 1, column: -1, db: db)
            #expect(whole == nil)
        }
    }
}
