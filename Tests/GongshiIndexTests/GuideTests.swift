import Foundation
import GongshiStore
import GongshiTestSupport
import Testing

@testable import GongshiIndex

/// 办事指南: the file format, and the check of every quote against the indexed regulation.
@Suite struct GuideTests {
    static let valid = """
        ---
        title: 测试社会团体成立登记
        org_type: 社会团体
        topic: 成立登记
        summary: 测试用。
        ---

        ## 办理条件
        - 50个以上的个人会员
          依据：test-ban-fa#a10「应当有50个以上的个人会员」

        ## 办理流程
        - 按照章程开展活动
          依据：test-ban-fa#a2「社会团体应当按照章程开展活动」

        ## 申请材料
        - 章程
          依据：test-ban-fa#a2「章程」

        ## 办理时限
        - 无期限
          依据：test-ban-fa#a1「制定本办法」

        ## 收费标准
        - 不收费
          依据：test-ban-fa#a1「规范社会团体的登记管理」

        ## 办理机关
        - 民政部
          依据：test-ban-fa#a1「为了规范」
        """

    @Test func aGuideParsesIntoCitedItemsBySection() throws {
        let parsed = try GuideParser.parse(Self.valid, id: "t", file: "guides/t.md")
        #expect(parsed.guide.title == "测试社会团体成立登记" && parsed.guide.organizationType == "社会团体" && parsed.guide.topic == "成立登记")
        #expect(parsed.guide.items.map(\.section) == [.conditions, .steps, .materials, .timeLimits, .fees, .authority])
        #expect(parsed.guide.items[0].citation == Guide.Citation(document: "test-ban-fa", anchor: "a10", quote: "应当有50个以上的个人会员"))
        #expect(parsed.citationLines.first == 10)
    }

    /// Input → the problem reported (line and field), one row per way a file can be wrong.
    @Test(arguments: [
        ("- 50个以上的个人会员\n  依据：test-ban-fa#a10「应当有50个以上的个人会员」", "- 50个以上的个人会员", 9, "依据"),
        ("## 办理条件\n", "## 办理须知\n", 8, "小节"),
        ("依据：test-ban-fa#a10「应当有50个以上的个人会员」", "依据：test-ban-fa「应当有50个以上的个人会员」", 10, "依据"),
        ("依据：test-ban-fa#a10「应当有50个以上的个人会员」", "依据：test-ban-fa#a10 应当有50个以上的个人会员", 10, "依据"),
        ("title: 测试社会团体成立登记\n", "", 1, "title"),
        ("## 收费标准\n- 不收费\n  依据：test-ban-fa#a1「规范社会团体的登记管理」\n", "", 1, "收费标准"),
        ("- 章程\n", "章程\n", 17, "正文"),
    ])
    func malformedGuidesAreReportedByLineAndField(replace: String, with: String, line: Int, field: String) throws {
        let text = Self.valid.replacingOccurrences(of: replace, with: with)
        #expect(text != Self.valid)
        let error = #expect(throws: RowProblem.self) { try GuideParser.parse(text, id: "t", file: "guides/t.md") }
        #expect(error?.line == line && error?.field == field, "\(String(describing: error))")
    }

    @Test func aGuideQuotingWordsTheArticleDoesNotHoldIsRejectedWholeAndOthersKept() throws {
        let t = try TestCorpus()
        try t.write("policies/test-ban-fa.md", TestCorpus.policy)
        try t.write("guides/a-good.md", Self.valid)
        try t.write("guides/b-wrong-quote.md", Self.valid.replacingOccurrences(of: "「社会团体应当按照章程开展活动」", with: "「社会团体可以不按照章程开展活动」"))
        try t.write("guides/c-wrong-article.md", Self.valid.replacingOccurrences(of: "test-ban-fa#a2「章程」", with: "test-ban-fa#a99「章程」"))
        let summary = try t.index()
        let guides = try t.database().read { try $0.guides() }
        #expect(guides.map(\.id) == ["a-good"])
        let problems = summary.problems.filter { $0.file.hasPrefix("guides/") }.map(\.description)
        #expect(problems.count == 2)
        #expect(problems.contains { $0.hasPrefix("guides/b-wrong-quote.md:14:") && $0.contains("社会团体可以不按照章程开展活动") })
        #expect(problems.contains { $0.hasPrefix("guides/c-wrong-article.md:18:") && $0.contains("test-ban-fa#a99") })
    }

    /// The twelve bundled guides (社会团体, 民办非企业单位, 基金会 × 成立, 变更, 注销, 年检), as
    /// the fixture copy holds them: every quote is in the article it cites.
    @Test func everyBundledGuideQuotesItsArticlesExactly() throws {
        let database = try FixtureIndex.database()
        let guides = try database.read { try $0.guides() }
        #expect(guides.count == 12)
        for type in ["社会团体", "民办非企业单位", "基金会"] {
            #expect(Set(guides.filter { $0.organizationType == type }.map(\.topic)) == ["成立登记", "变更登记", "注销登记", "年度检查"], "\(type)")
        }
        for guide in guides {
            for required in GuideParser.requiredSections {
                #expect(guide.items.contains { $0.section == required }, "\(guide.id): \(required.rawValue)")
            }
        }
    }
}
