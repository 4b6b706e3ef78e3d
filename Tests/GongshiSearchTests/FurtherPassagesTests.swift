import GongshiStore
import Testing

@testable import GongshiSearch

/// Issue 13's table: for a query of several words a document's further passages (beyond its
/// two best) are demoted by score, not moved behind every other match, so 成立协会 finds
/// 社会团体登记管理条例 第十条 (its third passage) on the first page.
@Suite struct FurtherPassagesTests {
    func search(_ query: String, limit: Int = 10) throws -> SearchResponse {
        try SearchFixture.engine().search(SearchRequest(query: query, limit: limit))
    }

    func position(_ response: SearchResponse, title: String, label: String) -> Int? {
        response.results.firstIndex { $0.title == title && $0.label?.hasPrefix(label) == true }.map { $0 + 1 }
    }

    @Test func establishingAnAssociationFindsTheConditionsArticle() throws {
        // 第十条 成立社会团体，应当具备下列条件 (协会 is a 社会团体): the regulation's third
        // passage for these words; moved behind every other match it was not in the first 100.
        let found = try search("成立协会")
        let tenth = try #require(position(found, title: "社会团体登记管理条例", label: "第十条"))
        #expect(tenth <= 4)
        #expect(found.results.first?.title == "社会团体登记管理条例")
    }

    @Test func furtherPassagesAreDemotedNotMovedBehindEverything() {
        func article(_ id: String, _ score: Double) -> SearchResult {
            SearchResult(kind: "article", id: id, title: "", label: nil, snippet: MarkedText(""), ref: .policy(id: id), score: score)
        }
        func passage(_ id: String, _ score: Double, document: Int) -> RankedMatch {
            RankedMatch(table: .documents, result: article(id, score), document: document)
        }
        let found = [
            passage("a#1", 10, document: 0), passage("a#2", 9, document: 0), passage("a#3", 8, document: 0),
            passage("b#1", 3, document: 1), passage("a#4", 7, document: 0),
        ]
        // Hard: a's third and fourth passages follow b's best.
        #expect(SearchEngine.listOrder(found, perDocument: 2) == [0, 1, 3, 2, 4])
        // Demoted: a#3 counts 8 × 0.5 = 4 > 3, a#4 7 × 0.25 < 3.
        #expect(SearchEngine.listOrder(found, perDocument: 2, demotion: 0.5) == [0, 1, 2, 3, 4])
        // A record is merged in by the passages' own scores, not the demoted ones: it follows
        // a#3 (8 > 5) and precedes b#1 (3).
        let notice = SearchResult(kind: "notice", id: "n", title: "", label: nil, snippet: MarkedText(""), ref: .notice(id: "n"), score: 5)
        let withRecord = found + [RankedMatch(table: .records, result: notice, document: -1)]
        #expect(SearchEngine.listOrder(withRecord, perDocument: 2, demotion: 0.5) == [0, 1, 2, 5, 3, 4])
    }
}
