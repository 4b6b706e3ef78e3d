import GongshiDisclosure
import GongshiTestSupport
import Testing

/// Issue 13: names match the same way everywhere (words in any order, as the search
/// box does): /orgs?name=, the credit lists and autocomplete.
@Suite struct NameMatchingTests {
    static let today = "2026-07-01"
    let name = "青浦区法律服务工作者协会"

    func directory() throws -> OrganizationDirectory {
        try OrganizationDirectory(database: FixtureIndex.database())
    }

    @Test func creditListFindsTheOrganizationByTheWordsOfItsName() throws {
        let list = try directory().creditList(.serious, filter: .init(name: "法律服务协会"), today: Self.today)
        #expect(list.items.map(\.orgName) == [name])
        // Words in another order, and a word that is in no name, which finds nothing.
        #expect(try directory().creditList(.serious, filter: .init(name: "协会 法律服务"), today: Self.today).items.map(\.orgName) == [name])
        #expect(try directory().creditList(.serious, filter: .init(name: "法律服务协会报销"), today: Self.today).items.isEmpty)
    }

    @Test func organizationListMatchesNameWords() throws {
        let result = try directory().search(filter: OrganizationFilter(name: "法律服务协会"), today: Self.today)
        #expect(result.items.map(\.name) == [name])
        // The start of a name still works as before.
        #expect(try directory().search(filter: OrganizationFilter(name: "青浦区法律"), today: Self.today).items.map(\.name).contains(name))
    }

    @Test func autocompleteFallsBackToWordsAndShowsCreditStatus() throws {
        let suggestions = try directory().suggest(prefix: "法律服务协会")
        let first = try #require(suggestions.first)
        #expect(first.name == name)
        #expect(first.creditStatus == .serious)
        #expect(first.creditStatusLabel == "列入严重违法失信名单")
    }

    @Test func noticesFilterByTheWordsOfAnOrganizationName() throws {
        let feed = try directory().notices(filter: .init(name: "法律服务协会"))
        #expect(feed.items.contains { $0.title == "关于青浦区法律服务工作者协会成立登记的公告" })
        #expect(feed.items.allSatisfy { $0.title.contains("法律服务") || $0.orgCodes.contains("51310118MJ0619796P") })
        #expect(try directory().notices(filter: .init(name: "不存在的名称报销")).items.isEmpty)
    }
}
