import Foundation
import GongshiIndex
import GongshiStore

/// A throw-away corpus and database in a fresh temporary directory.
public struct TestCorpus {
    public let root: URL
    public var corpus: URL { root.appendingPathComponent("Corpus") }
    public var databasePath: String { root.appendingPathComponent("index.sqlite").path }

    public static let fixtures = ProjectPaths.fixtures("GongshiIndexTests")

    public init() throws {
        root = Scratch.directory.appendingPathComponent("gongshi-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Corpus"), withIntermediateDirectories: true)
    }

    public func write(_ relativePath: String, _ text: String) throws {
        try write(relativePath, Data(text.utf8))
    }

    public func write(_ relativePath: String, _ data: Data) throws {
        let url = corpus.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    public func remove(_ relativePath: String) throws {
        try FileManager.default.removeItem(at: corpus.appendingPathComponent(relativePath))
    }

    public func database() throws -> GongshiDatabase { try GongshiDatabase(path: databasePath) }

    public func index() throws -> IndexSummary {
        try Indexer(corpus: corpus, database: database()).run()
    }

    public func count(_ table: String) throws -> Int {
        try database().read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0 }
    }

    public static let policy = """
        ---
        title: 测试社会团体管理办法
        level: 部门规章
        issuer: 民政部
        doc_number: 民政部令第99号
        promulgated: 2020-01-02
        status: 现行有效
        ---

        # 测试社会团体管理办法

        2020年1月2日民政部令第99号公布

        ## 第一章 总则

        第一条 为了规范社会团体的登记管理，制定本办法。

        第二条　社会团体应当按照章程开展活动。

        第二章 登记

        第十条 成立社会团体，应当有50个以上的个人会员。

        下列团体不属于本办法规定登记的范围：

        (一)参加中国人民政治协商会议的人民团体；
        """

    public static let orgsCSV = """
        统一社会信用代码,名称,类型,登记管理机关,成立登记日期,登记状态,评估等级,评估等级有效期起,评估等级有效期至,年检结果
        51310118MJA000011X,上海市青浦区青少年足球协会,社会团体,上海市青浦区民政局,2010-04-01,正常,4A,2021-06-01,2026-05-31,2023:合格;2024:合格
        52310118MJB0000225,上海市青浦区阳光社会工作服务社,民办非企业单位,上海市青浦区民政局,2016-09-12,正常,,,,
        51310118MJA000012X,上海市青浦区坏代码协会,社会团体,上海市青浦区民政局,2010-04-01,正常,,,,
        53310118MJC000033C,,基金会,上海市民政局,2018-01-01,正常,,,,
        53310118MJC000033C,上海市青浦区日期错误基金会,基金会,上海市民政局,2018-13-01,正常,,,,
        53310118MJC000033C,"上海市青浦区""同心""助学基金会",基金会,上海市民政局,2018-02-01,正常,,,,
        """
}
