import GRDB
import GongshiStore
import GongshiTestSupport
import Testing

@testable import GongshiSearch

/// Search matches on short phrases (a Han run's last character left out: the bigram before
/// it implies it) and tells gongshi_rank the tokens left out: the same rows must match
/// with the same scores as the phrases as typed.
@Suite struct ShortPhraseTests {
    @Test(arguments: [
        "社会团体登记", "法律服务协会", "民政局", "成立协会", "基金会 原始基金", "社团", "养老服务中心",
        "1+11+X", "青浦区 书画", "境外ngo", "社會團體", "成立社会团体条件", "严重违法失信名单",
    ])
    func sameRowsAndScores(query: String) throws {
        let engine = try SearchFixture.engine()
        try engine.database.pool.read { db in
            let analysis = try engine.analyze(query, db: db)
            let expression = try #require(analysis.expression?.restricted(to: SearchEngine.textColumns))
            #expect(expression.shortText != expression.text)
            let shortened = try engine.shortened(expression)
            let none = expression.phraseTexts.map { _ in Int?.none }
            var matched = 0
            for table in SearchTable.allCases {
                let name = table.rawValue
                func scores(_ match: String, _ weights: [Double?]) throws -> [Int64: Double] {
                    let placeholders = Array(repeating: "?", count: weights.count).joined(separator: ", ")
                    let rows = try Row.fetchAll(
                        db, sql: "SELECT rowid, gongshi_rank(\(name), \(placeholders)) FROM \(name) WHERE \(name) MATCH ?",
                        arguments: StatementArguments(weights) + [match])
                    return Dictionary(uniqueKeysWithValues: rows.map { ($0[0] as Int64, $0[1] as Double) })
                }
                let full = try scores(expression.text, expression.rankArguments(rowCounts: none))
                let short = try scores(expression.shortText, expression.rankArguments(rowCounts: none, shortened: shortened))
                #expect(full == short, "\(query) in \(name)")
                matched += full.count
            }
            #expect(matched > 0, "\(query)")
        }
    }

    @Test func shortenedTokens() throws {
        let engine = try SearchFixture.engine()
        var e = MatchExpression()
        e.phrase("社会团体", weight: 1)
        e.phrase("民", weight: 1)
        e.phrase(ChineseTokenizer.wordMarker + "社会团体", weight: 1)
        e.phrase("ngo", weight: 1)
        e.phrase("境外ngo组织", weight: 1)
        #expect(try engine.shortened(e) == [1, 0, 0, 0, 1])
    }
}
