import GRDB
import GongshiStore
import GongshiTestSupport
import Testing

@testable import GongshiSearch

/// When a name-length query asks for a did-you-mean look-up over the names (which costs
/// tens of milliseconds at 100,000 organizations): only when nothing on the page holds it as typed.
@Suite struct DidYouMeanTriggerTests {
    @Test func aTermTheTextsHoldAsTypedIsNoTypingMistake() throws {
        let engine = try SearchFixture.engine()
        let analysis = try engine.database.pool.read { db in try engine.analyze("活动异常名录", db: db) }
        let text = "纳入社会组织活动异常名录并向社会公告"
        let start = try #require(text.utf8.firstRange(of: "活动异常名录".utf8))
        let from = text.utf8.distance(from: text.utf8.startIndex, to: start.lowerBound)
        func result(_ snippet: MarkedText) -> SearchResult {
            SearchResult(kind: "article", id: "x#a1", title: "某办法", label: "第一条", snippet: snippet, ref: .policy(id: "x", anchor: "a1"), score: 1)
        }
        // Marked whole in a snippet: no look-up.
        #expect(!SearchEngine.looksLikeAMistypedTitle(analysis, page: [result(MarkedText(text, marks: [from..<from + 18]))]))
        // Only part of it marked, as words matched apart: perhaps a mistyped name.
        #expect(SearchEngine.looksLikeAMistypedTitle(analysis, page: [result(MarkedText(text, marks: [from..<from + 6]))]))
        // End to end: the term is in the fixture's texts, and gets no suggestion.
        #expect(try engine.search(SearchRequest(query: "活动异常名录")).suggestion == nil)
        #expect(try engine.search(SearchRequest(query: "法律服物工作者协会")).suggestion == "青浦区法律服务工作者协会")
    }
}
