import GongshiDisclosure
import GongshiStore
import GongshiTestSupport
import Testing

/// Which 办事指南 a question or a search is about.
@Suite struct GuideMatchingTests {
    static func book() throws -> GuideBook { GuideBook(database: try FixtureIndex.database()) }

    @Test func aQuestionAboutATopicAndATypeFindsThatGuide() throws {
        #expect(try Self.book().matching("成立社会团体需要什么条件").map(\.id) == ["shetuan-chengli"])
        #expect(try Self.book().matching("民非怎么注销").map(\.id) == ["minfei-zhuxiao"])
        #expect(try Self.book().matching("基金会年检要交哪些材料").map(\.id) == ["jijinhui-nianjian"])
        // A topic without a type: that topic's guide for each type.
        #expect(try Self.book().matching("变更登记要多久").map(\.organizationType) == ["社会团体", "民办非企业单位", "基金会"])
    }

    @Test func aTextWithoutATopicWordFindsNoGuide() throws {
        #expect(try Self.book().matching("青浦区书画协会").isEmpty)
        #expect(try Self.book().matching("慈善法第十条").isEmpty)
        #expect(try Self.book().matching("").isEmpty)
    }

    @Test func searchingGuidesFindsTheirWordsOrTheirTopic() throws {
        #expect(try Self.book().search("").count == 12)
        #expect(try Self.book().search("社团 注销").map(\.id).contains("shetuan-zhuxiao"))
        let capital = try Self.book().search("验资")
        #expect(!capital.isEmpty && capital.allSatisfy { $0.topic == "成立登记" })
        #expect(try Self.book().search("不存在的词语xyz").isEmpty)
    }
}
