import Foundation
import GRDB
import GongshiStore
import GongshiTestSupport
import Testing

@testable import GongshiIndex

/// `site.yaml` (whose site this is) and the readable 来源 of policy documents.
@Suite struct SiteIdentityTests {
    @Test func parsesEveryFieldAndLeavesUnsetOnesOut() {
        let (identity, problems) = SiteIdentityLoader.parse(
            """
            # 注释
            name: 某区社会组织信息公示
            body: 某区民政局
            region:
            phone: "021-12345678"
            hours: 工作日 9:00–17:00
            web: https://example.gov.cn/
            """, file: "site.yaml")
        #expect(problems.isEmpty)
        #expect(
            identity
                == SiteIdentity(
                    name: "某区社会组织信息公示", body: "某区民政局", phone: "021-12345678",
                    hours: "工作日 9:00–17:00", web: "https://example.gov.cn/"))
    }

    @Test func badValuesAreReportedWithTheirLineAndTheRestIsKept() {
        let (identity, problems) = SiteIdentityLoader.parse(
            """
            name: 某区
            phone_number: 123
            web: javascript:alert(1)
            address:
              - 列表不是一行文字
            hours: \(String(repeating: "长", count: 201))
            """, file: "site.yaml")
        #expect(identity == SiteIdentity(name: "某区"))
        #expect(problems.map(\.field) == ["phone_number", "web", "address", "hours"])
        #expect(problems.map(\.line) == [2, 3, 4, 6])
        #expect(SiteIdentityLoader.parse("name: [未闭合", file: "site.yaml").1.first?.field == "文件")
        #expect(SiteIdentityLoader.parse("# 只有注释\n", file: "site.yaml") == (SiteIdentity(), []))
    }

    @Test func theIndexKeepsTheIdentityAndEachDocumentsReadableSource() throws {
        let database = try FixtureIndex.database()
        let (identity, source) = try database.read { db in
            (
                try db.siteIdentity(),
                try Row.fetchOne(db, sql: "SELECT source, source_name, source_url FROM document WHERE id = 'shetuan-dengji-tiaoli'")
            )
        }
        #expect(identity.name == "测试区社会组织信息公示")
        #expect(identity.body == "测试区民政局")
        #expect(identity.region == nil && identity.web == nil)
        let row = try #require(source)
        #expect((row["source"] as String?)?.hasPrefix("LawRefBook/Laws@") == true)
        #expect(row["source_name"] as String? == "国家法律法规数据库（文本经 LawRefBook 整理）")
        #expect(row["source_url"] as String? == "https://flk.npc.gov.cn/")
    }

    @Test func aSourceURLMustBeAWebAddress() {
        let text = "---\ntitle: 测试\nsource_url: file:///etc/passwd\n---\n\n第一条 测试。\n"
        #expect(throws: RowProblem.self) { try PolicyParser.parse(text, id: "x", file: "policies/x.md") }
    }
}
