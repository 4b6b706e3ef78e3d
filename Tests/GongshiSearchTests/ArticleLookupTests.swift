import GongshiSearch
import GongshiStore
import GongshiTestSupport
import Testing

/// A search that names an article by its document and number lists that article first.
@Suite struct ArticleLookupTests {
    @Test(arguments: [
        ("慈善法第十条", "cishan-fa#a10"),
        ("社会团体登记管理条例 第十条", "shetuan-dengji-tiaoli#a10"),
        ("社团条例10条", "shetuan-dengji-tiaoli#a10"),
        ("《基金会管理条例》第八条", "jijinhui-tiaoli#a8"),
    ])
    func articleNamedByTitleAndNumberIsTheFirstResult(query: String, id: String) throws {
        let response = try SearchFixture.engine().search(SearchRequest(query: query))
        let first = try #require(response.results.first)
        #expect(first.kind == "article")
        #expect(first.id == id)
        let parts = id.split(separator: "#").map(String.init)
        #expect(first.ref == .policy(id: parts[0], anchor: parts[1]))
    }

    /// A document's whole title, also shortened as people say national laws, lists the document first,
    /// above its short articles that repeat the title's words.
    @Test(arguments: [
        ("慈善组织认定办法", "cishan-zuzhi-rending-banfa"),
        ("《基金会管理条例》", "jijinhui-tiaoli"),
        ("慈善法", "cishan-fa"),
        ("行政处罚法", "xingzheng-chufa-fa"),
    ])
    func documentNamedByItsTitleIsTheFirstResult(query: String, id: String) throws {
        let response = try SearchFixture.engine().search(SearchRequest(query: query))
        let first = try #require(response.results.first)
        #expect(first.kind == "policy")
        #expect(first.id == id)
        #expect(response.results.filter { $0.kind == "policy" && $0.id == id }.count == 1)
    }

    @Test func otherQueriesAreNotArticleLookups() throws {
        let response = try SearchFixture.engine().search(SearchRequest(query: "社会团体登记条件"))
        #expect(response.results.first?.score ?? 0 < 1000)
        // A number too large for any article finds no exact hit.
        let none = try SearchFixture.engine().search(SearchRequest(query: "慈善法第九百九十九条"))
        #expect(!(none.results.first.map { $0.id.hasSuffix("#a999") } ?? false))
    }
}
