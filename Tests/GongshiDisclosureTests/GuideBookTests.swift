import GongshiDisclosure
import GongshiStore
import GongshiTestSupport
import Testing

@Suite struct GuideBookTests {
    static func book() throws -> GuideBook { GuideBook(database: try FixtureIndex.database()) }

    @Test func guidesAreListedByTypeThenTopicInTheOrderOfAnOrganizationsLife() throws {
        let all = try Self.book().list()
        #expect(all.prefix(4).map(\.topic) == ["成立登记", "变更登记", "注销登记", "年度检查"])
        #expect(
            all.map(\.organizationType)
                == all.map(\.organizationType).sorted {
                    ["社会团体", "民办非企业单位", "基金会"].firstIndex(of: $0)! < ["社会团体", "民办非企业单位", "基金会"].firstIndex(of: $1)!
                })
        let foundations = try Self.book().list(organizationType: "基金会")
        #expect(foundations.count == 4 && foundations.allSatisfy { $0.organizationType == "基金会" })
    }

    @Test func aGuidesCitationsNameTheDocumentArticleAndVersion() throws {
        let guide = try #require(try Self.book().guide(id: "shetuan-chengli"))
        #expect(guide.summary.title == "社会团体成立登记")
        let materials = try #require(guide.parts.first { $0.section == .materials })
        let first = try #require(materials.entries.first)
        #expect(first.documentTitle == "社会团体登记管理条例" && first.label == "第十一条" && first.anchor == "a11")
        #expect(first.version == "2016-02-06 修订")
        #expect(guide.parts.map(\.section) == [.conditions, .steps, .materials, .timeLimits, .fees, .authority])
        let fee = try #require(guide.parts.first { $0.section == .fees }?.entries.first)
        #expect(fee.documentTitle.contains("行政许可法") && fee.label == "第五十八条")
        #expect(try Self.book().guide(id: "no-such-guide") == nil)
    }
}
