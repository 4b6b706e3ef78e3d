import Foundation
import GongshiIndex
import GongshiStore
import GongshiTestSupport
import Testing

@Suite struct IndexerTests {
    @Test func indexesEveryKindAndReportsBadRowsWithoutLosingGoodOnes() throws {
        let t = try TestCorpus()
        try t.write("policies/test-ban-fa.md", TestCorpus.policy)
        try t.write("orgs/orgs.csv", TestCorpus.orgsCSV)
        try t.write(
            "credit/credit.csv",
            """
            code,name,list,reason,authority,date,removed_on,decision_no,result
            51310118MJA000011X,上海市青浦区青少年足球协会,活动异常名录,未按规定参加年度检查,上海市青浦区民政局,2021-07-01,2022-03-01,,
            51310118MJA000011X,上海市青浦区青少年足球协会,行政处罚,未按规定办理变更登记,上海市青浦区民政局,2023-02-03,,,警告
            """)
        try t.write(
            "notices/notices.jsonl",
            """
            {"id": "N-1", "title": "关于上海市青浦区青少年足球协会成立登记的公告", "kind": "成立登记", "issuer": "上海市青浦区民政局", "date": "2010-04-01", "orgs": "51310118MJA000011X", "body": "准予成立登记。"}
            {"title": "没有类别的公告", "issuer": "上海市青浦区民政局", "date": "2010-04-01"}
            not json
            """)
        let summary = try t.index()
        #expect(summary.totals["document"] == 1)
        #expect(summary.totals["unit"] == 3)
        #expect(summary.totals["org"] == 3)
        #expect(summary.totals["credit"] == 1)
        #expect(summary.totals["notice"] == 1)
        let messages = summary.problems.map(\.description)
        #expect(messages.contains { $0.hasPrefix("orgs/orgs.csv:4: 统一社会信用代码(code): ") && $0.contains("校验码错误") })
        #expect(messages.contains("orgs/orgs.csv:5: 名称(name): 缺少必填字段"))
        #expect(messages.contains { $0.hasPrefix("orgs/orgs.csv:6: 成立登记日期(founded): ") })
        #expect(messages.contains { $0.hasPrefix("credit/credit.csv:3: 决定书文号(decision_no): ") })
        #expect(messages.contains("notices/notices.jsonl:2: 类别(kind): 缺少必填字段"))
        #expect(messages.contains("notices/notices.jsonl:3: 行: 不是合法的 JSON 对象"))
        #expect(summary.rejected == 6)
        let name = try t.database().read { db in
            try String.fetchOne(db, sql: "SELECT name FROM org WHERE code = '53310118MJC000033C'")
        }
        #expect(name == "上海市青浦区\"同心\"助学基金会")
        let inspections = try t.count("org_inspection")
        #expect(inspections == 2)
    }

    /// A repeated 统一社会信用代码 or notice id is reported on the later row, which leaves
    /// nothing behind: the first row stays whole (its record, search row and inspections).
    @Test func duplicateCodesAndNoticeIdsAreRejectedWithoutPartialRows() throws {
        let t = try TestCorpus()
        try t.write("orgs/a.csv", TestCorpus.orgsCSV)
        try t.write(
            "orgs/b.csv",
            """
            统一社会信用代码,名称,类型,登记管理机关,成立登记日期,登记状态,年检结果
            51310118MJA000011X,另一个同代码协会,社会团体,上海市青浦区民政局,2012-04-01,正常,2022:合格
            """)
        try t.write(
            "notices/n.csv",
            """
            id,title,kind,issuer,date,body
            N-1,关于甲协会成立登记的公告,成立登记,上海市青浦区民政局,2010-04-01,准予成立登记。
            N-1,重复编号的公告,成立登记,上海市青浦区民政局,2010-05-01,重复。
            """)
        let summary = try t.index()
        let messages = summary.problems.map(\.description)
        #expect(messages.contains { $0.hasPrefix("orgs/b.csv:2: 统一社会信用代码(code): ") && $0.contains("重复") })
        #expect(messages.contains { $0.hasPrefix("notices/n.csv:3: 公告编号(id): ") && $0.contains("重复") })
        let (name, inspections, orgRows, noticeTitle, noticeRows) = try t.database().read { db in
            (
                try String.fetchOne(db, sql: "SELECT name FROM org WHERE code = '51310118MJA000011X'"),
                try Int.fetchAll(db, sql: "SELECT year FROM org_inspection WHERE org_code = '51310118MJA000011X' ORDER BY year"),
                try Int.fetchOne(db, sql: "SELECT count(*) FROM entry WHERE kind = 'org' AND ref = '51310118MJA000011X'") ?? -1,
                try String.fetchOne(db, sql: "SELECT title FROM notice WHERE id = 'N-1'"),
                try Int.fetchOne(db, sql: "SELECT count(*) FROM entry WHERE kind = 'notice' AND ref = 'N-1'") ?? -1
            )
        }
        #expect(name == "上海市青浦区青少年足球协会")
        #expect(inspections == [2023, 2024])
        #expect(orgRows == 1)
        #expect(noticeTitle == "关于甲协会成立登记的公告")
        #expect(noticeRows == 1)
    }

    @Test func gb18030FileIsDecoded() throws {
        let t = try TestCorpus()
        let bytes = try Data(contentsOf: TestCorpus.fixtures.appendingPathComponent("orgs-gb18030.csv"))
        #expect(String(data: bytes, encoding: .utf8) == nil)  // really not UTF-8
        try t.write("orgs/gbk.csv", bytes)
        let summary = try t.index()
        #expect(summary.rejected == 0)
        let row = try t.database().read { db in
            try String.fetchOne(db, sql: "SELECT name || '|' || address FROM org")
        }
        #expect(row == "上海市青浦区朱家角镇书画研究会|上海市青浦区朱家角镇新风路10号")
    }

    @Test func utf8WithByteOrderMarkIsDecoded() throws {
        let t = try TestCorpus()
        try t.write("orgs/bom.csv", Data([0xEF, 0xBB, 0xBF]) + Data(TestCorpus.orgsCSV.utf8))
        let summary = try t.index()
        #expect(summary.totals["org"] == 3)
    }

    @Test func secondRunSkipsUnchangedFilesAndDropsRemovedOnes() throws {
        let t = try TestCorpus()
        try t.write("policies/test-ban-fa.md", TestCorpus.policy)
        try t.write("orgs/orgs.csv", TestCorpus.orgsCSV)
        let first = try t.index()
        #expect(first.filesIndexed == 2)

        let second = try t.index()
        #expect(second.filesIndexed == 0)
        #expect(second.filesSkipped == 2)
        #expect(second.totals["org"] == 3)

        try t.write("orgs/orgs.csv", TestCorpus.orgsCSV.replacingOccurrences(of: "青少年足球协会", with: "青少年篮球协会"))
        let third = try t.index()
        #expect(third.filesIndexed == 1)
        #expect(third.filesSkipped == 1)
        let renamed = try t.database().read { db in try String.fetchOne(db, sql: "SELECT name FROM org WHERE code = '51310118MJA000011X'") }
        #expect(renamed == "上海市青浦区青少年篮球协会")
        let oldRows = try t.database().read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM record_search WHERE record_search MATCH '\"足球\"'")
        }
        #expect(oldRows == 0)

        try t.remove("orgs/orgs.csv")
        let fourth = try t.index()
        #expect(fourth.filesRemoved == 1)
        #expect(fourth.totals["org"] == 0)
        #expect(try t.count("entry") == 1 + 3)  // the policy row and its three articles
        #expect(try t.count("doc_search") == 4)
        #expect(try t.count("record_search") == 0)
    }

    @Test func interruptedRunLeavesThePreviousIndexIntact() throws {
        let t = try TestCorpus()
        try t.write("policies/test-ban-fa.md", TestCorpus.policy)
        try t.write("orgs/orgs.csv", TestCorpus.orgsCSV)
        try t.write(
            "orgs/zz-more.csv",
            TestCorpus.orgsCSV.components(separatedBy: "\n").prefix(1).joined() + "\n" + "51310118MJD000044W,上海市青浦区朱家角镇书画研究会,社会团体,上海市青浦区民政局,2012-05-08,正常,,,,\n"
        )
        _ = try t.index()
        let before = try (t.count("org"), t.count("doc_search") + t.count("record_search"), t.count("unit"))
        #expect(before.0 == 4)

        // A run that removes one file and changes two, stopped before its second file.
        try t.remove("orgs/zz-more.csv")
        try t.write("orgs/orgs.csv", TestCorpus.orgsCSV.replacingOccurrences(of: "正常", with: "已注销"))
        try t.write("policies/test-ban-fa.md", TestCorpus.policy.replacingOccurrences(of: "第十条", with: "第十一条"))
        var indexer = try Indexer(corpus: t.corpus, database: t.database())
        let calls = Counter()
        indexer.shouldContinue = { calls.increment() < 1 }  // continue at the first file, stop at the second
        #expect(throws: IndexError.self) { try indexer.run() }
        #expect(calls.value == 2)

        let after = try (t.count("org"), t.count("doc_search") + t.count("record_search"), t.count("unit"))
        #expect(after == before)
        let statuses = try t.database().read { db in try String.fetchAll(db, sql: "SELECT DISTINCT status FROM org") }
        #expect(statuses == ["正常"])
    }

    @Test func missingCorpusIsAClearError() throws {
        let t = try TestCorpus()
        let indexer = try Indexer(corpus: t.root.appendingPathComponent("nope"), database: t.database())
        #expect(throws: IndexError.self) { try indexer.run() }
    }
}

/// A thread-safe counter for @Sendable callbacks.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func increment() -> Int {
        lock.withLock {
            count += 1
            return count - 1
        }
    }
}
