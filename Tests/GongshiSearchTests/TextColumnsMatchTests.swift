import GRDB
import GongshiStore
import GongshiTestSupport
import Testing

@testable import GongshiSearch

/// Ranking drops the text-columns filter only when that cannot change what matches: the
/// same rows with the same instances (bm25 reads every instance), and the filter kept for
/// any phrase the pinyin column holds.
@Suite struct TextColumnsMatchTests {
    @Test(arguments: [
        "社会团体登记", "法律服务协会", "民政局", "成立协会", "基金会 原始基金", "社团", "登记管理机关", "民政", "1+11+X",
        "社会团体 章程", "境外ngo", "社會團體", "成立社会团体条件", "慈善法", "第十条", "年检", "行政处罚 警告", "AAA",
    ])
    func sameRowsAndInstancesWithoutTheFilter(query: String) throws {
        let engine = try SearchFixture.engine()
        try engine.database.pool.read { db in
            let generation = try db.indexGeneration()
            #expect(generation > 0)
            let expression = try #require(try engine.analyze(query, db: db).expression?.restricted(to: SearchEngine.textColumns))
            let match = try engine.rankingMatchText(expression, in: .documents, generation: generation, db: db)
            let sql = "SELECT rowid, bm25(doc_search) FROM doc_search WHERE doc_search MATCH ? ORDER BY rowid"
            let filtered = try Row.fetchAll(db, sql: sql, arguments: [expression.shortText]).map { [$0[0], $0[1]] as [DatabaseValue] }
            let rewritten = try Row.fetchAll(db, sql: sql, arguments: [match]).map { [$0[0], $0[1]] as [DatabaseValue] }
            #expect(filtered == rewritten, "\(query): \(match)")
            #expect(!filtered.isEmpty, "\(query)")
            // Han text is never in the pinyin column: its queries are the ones rewritten.
            if query.unicodeScalars.allSatisfy({ $0.properties.isIdeographic || $0 == " " }) { #expect(match != expression.shortText, "\(query)") }
        }
    }

    @Test func hanPhrasesDropTheFilterAndPinyinHeldPhrasesKeepIt() throws {
        let engine = try SearchFixture.engine()
        try engine.database.pool.read { db in
            let generation = try db.indexGeneration()
            var han = MatchExpression()
            han.phrase("慈善", weight: 1)
            let hanText = try engine.rankingMatchText(han.restricted(to: SearchEngine.textColumns), in: .documents, generation: generation, db: db)
            #expect(!hanText.hasPrefix("{"))
            // 慈善法's pinyin column holds the token cishanfa.
            #expect(try !engine.isAbsentFromPinyin("cishanfa", in: .documents, generation: generation, db: db))
            var latin = MatchExpression()
            latin.phrase("慈善", weight: 1)
            latin.append(" OR ")
            latin.phrase("cishanfa", weight: 1)
            let restricted = latin.restricted(to: SearchEngine.textColumns)
            #expect(try engine.rankingMatchText(restricted, in: .documents, generation: generation, db: db) == restricted.shortText)
            // Records keep the filter (checking a phrase there reads its whole doclist).
            let records = han.restricted(to: SearchEngine.textColumns)
            #expect(try engine.rankingMatchText(records, in: .records, generation: generation, db: db) == records.shortText)
        }
    }

    @Test(
        arguments: [
            ("{title label body tags} : ((\"a\") AND (\"b\" OR \"c\"))", "((\"a\") AND (\"b\" OR \"c\"))"),
            ("{title label body tags} : (\"say \"\"{x} : y\"\"\")", "(\"say \"\"{x} : y\"\"\")"),
            ("{title label body tags} : (\"a\" *)", nil),
            ("{title label body tags} : (\"a\" NOT \"b\")", nil),
            ("{title label body tags} : (NEAR(\"a\" \"b\"))", nil),
            ("{title label body tags} : ((\"a\") OR ({pinyin} : \"b\"))", nil),
            ("{title label body tags} : (\"a)", nil),
            ("{pinyin} : (\"a\")", nil),
        ] as [(String, String?)])
    func onlyPhrasesAndOrAndParenthesesAreRewritten(text: String, rest: String?) {
        #expect(SearchEngine.unfilteredRest(of: text) == rest)
    }
}
