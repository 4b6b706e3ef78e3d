import Foundation
import GongshiStore
import GongshiTestSupport
import Testing

@testable import GongshiIndex

@Suite struct PolicyParserTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Corpus/policies").standardizedFileURL

    @Test func articlesKeepLabelNumberAndChapter() throws {
        let d = try PolicyParser.parse(TestCorpus.policy, id: "t", file: "t.md")
        #expect(d.title == "测试社会团体管理办法")
        #expect(d.docNumber == "民政部令第99号")
        #expect(d.promulgated == "2020-01-02")
        #expect(d.units.map(\.label) == ["第一条", "第二条", "第十条"])
        #expect(d.units.map(\.number) == [1, 2, 10])
        #expect(d.units.map(\.chapter) == ["第一章 总则", "第一章 总则", "第二章 登记"])
        #expect(d.units.map(\.anchor) == ["a1", "a2", "a10"])
        #expect(d.units[2].text.hasSuffix("(一)参加中国人民政治协商会议的人民团体；"))
        #expect(d.preamble == "2020年1月2日民政部令第99号公布")
        // The offsets point at the article in the body.
        let body = Array(d.body.utf8)
        let slice = String(decoding: body[d.units[0].startOffset..<d.units[0].endOffset], as: UTF8.self)
        #expect(slice == "第一条 为了规范社会团体的登记管理，制定本办法。")
    }

    @Test func bundledRegulationsSplitIntoEveryArticle() throws {
        let text = try String(contentsOf: Self.corpus.appendingPathComponent("regulations/cishan-fa.md"), encoding: .utf8)
        let d = try PolicyParser.parse(text, id: "cishan-fa", file: "cishan-fa.md")
        #expect(d.units.count == 125)
        #expect(d.units.map(\.number) == Array(1...125).map { Optional($0) })
        #expect(d.units[124].label == "第一百二十五条")
        let shetuan = try PolicyParser.parse(
            String(contentsOf: Self.corpus.appendingPathComponent("regulations/shetuan-dengji-tiaoli.md"), encoding: .utf8), id: "s", file: "s.md")
        #expect(shetuan.units.first { $0.number == 10 }?.chapter == "第三章 成立登记")
    }

    @Test func policyDocumentsSplitIntoNumberedSections() throws {
        let text = try String(contentsOf: Self.corpus.appendingPathComponent("district/qingpu-shehui-zuzhi-fuwu-zhongxin-2016.md"), encoding: .utf8)
        let d = try PolicyParser.parse(text, id: "q", file: "q.md")
        let staffing = try #require(d.units.first { $0.text.contains("每20家社会组织配备1名专职工作人员") })
        #expect(staffing.label == "三、(一)")
        #expect(staffing.anchor == "s3-1")
        #expect(staffing.chapter == "三、建设要求")
        #expect(d.units.first?.label == "一、")
    }

    @Test(arguments: [
        ("---\nlevel: 法律\n---\n正文", "t.md:1: title: 缺少必填字段"),
        ("没有 front matter", "t.md:1: front matter: 文件应以 --- 开头的 YAML front matter 开始"),
        ("---\ntitle: 甲\nstatus: 有效\n---\n", "t.md:1: status: “有效”不是允许的取值（现行有效、已修改、已废止、尚未生效）"),
        ("---\ntitle: 甲\npromulgated: 2016-02-30\n---\n", "t.md:1: promulgated: “2016-02-30”不是有效日期（应为 YYYY-MM-DD）"),
    ])
    func badFrontMatterIsReported(text: String, message: String) {
        #expect(throws: RowProblem.self) { try PolicyParser.parse(text, id: "t", file: "t.md") }
        do { _ = try PolicyParser.parse(text, id: "t", file: "t.md") } catch { #expect(error.description == message) }
    }

    @Test(arguments: [("十", 10), ("二十三", 23), ("一百零五", 105), ("一百二十五", 125), ("三十", 30)])
    func chineseNumerals(text: String, value: Int) {
        #expect(ChineseNumeral.value(Substring(text)) == value)
        #expect(ChineseNumeral.string(value) == text)
    }
}

@Suite struct RecordValueTests {
    @Test(arguments: ["2016-09-21", "2016/9/21", "2016.09.21", "2016年9月21日", " 2016 - 09 - 21 ", "02016-009-021"])
    func datesInCommonShapes(text: String) {
        #expect(FieldValue.date(text) == "2016-09-21")
    }

    @Test(arguments: [
        "2016-02-30", "2016-13-01", "21/09/2016", "昨天", "2016-09", "2016--09-21", "2016-09-21-01",
        "99999999999999999999-01-01", "２０１６-09-21", "",
    ])
    func badDatesAreRejected(text: String) {
        #expect(FieldValue.date(text) == nil)
    }

    @Test func listCellsSplitOnHalfAndFullWidthSemicolons() {
        #expect(FieldValue.list("2019:合格； 2020:基本合格;;2021:合格 ") == ["2019:合格", "2020:基本合格", "2021:合格"])
        #expect(FieldValue.list(" ; ；") == [])
    }

    @Test func creditCodeCheckCharacter() throws {
        #expect(try CreditCode(validating: "51310118MJA000011X").value == "51310118MJA000011X")
        #expect(try CreditCode(validating: "５１３１０１１８ｍｊａ００００１１ｘ").value == "51310118MJA000011X")
        #expect(throws: CreditCode.Problem.checkCharacter(expected: "X", found: "Y")) { try CreditCode(validating: "51310118MJA000011Y") }
        #expect(throws: CreditCode.Problem.length(5)) { try CreditCode(validating: "51310") }
        #expect(throws: CreditCode.Problem.character("I", position: 17)) { try CreditCode(validating: "51310118MJA00001IX") }
        #expect(throws: CreditCode.Problem.character("社", position: 1)) { try CreditCode(validating: "社1310118MJA000011X") }
        #expect(CreditCode.complete("51310118MJA000011")?.value == "51310118MJA000011X")
    }

    @Test func csvKeepsLineNumbersAcrossQuotedNewlines() {
        let records = Array(CSVReader(text: "a,b\n1,\"x\ny\"\n\n2,\"he said \"\"hi\"\"\"\n"))
        #expect(records.map(\.line) == [1, 2, 5])
        #expect(records[1].fields == ["1", "x\ny"])
        #expect(records[2].fields == ["2", "he said \"hi\""])
    }
}
