import ArgumentParser
import Foundation
import GongshiBenchmarks
import GongshiIndex
import GongshiSampleData
import GongshiSearch
import GongshiStore

/// The benchmark the README quotes: index throughput and size on the bundled corpus
/// and on a generated one, then in-process search latency over a fixed query mix.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "性能基准：索引吞吐量、数据库大小、检索延迟（中位数与 p99）"
    )

    @Option(help: "生成语料的组织数量") var orgs = 100_000
    @Option(help: "每个检索词重复次数") var rounds = 20
    @Option(help: "打包语料目录") var corpus = "Corpus"
    @Option(help: "工作目录（默认临时目录）") var workdir: String?
    @Option(help: "只测检索延迟：使用这个已建好的索引数据库") var db: String?
    @Option(help: "只测这些检索词（可重复；默认用固定的混合检索词表）") var query: [String] = []
    @Flag(help: "检索词轮流检索（如服务器所见），而不是每个词连续重复") var inTurn = false

    /// A fixed mix: common and rare words, names, 文号, codes, pinyin, multi-term queries.
    static let queries = [
        "社会团体", "民政", "基金会 原始基金", "青民[2016]45号", "年检", "民非 分支机构", "慈善信托",
        "足球", "养老服务中心", "协会", "活动异常名录", "严重违法失信名单 撤销登记", "shehui tuanti",
        "青浦区 书画", "3A", "成立登记 公告", "政府信息公开 申请", "志愿者", "行政处罚 警告", "进一步",
    ]

    func run() throws {
        let work = URL(fileURLWithPath: workdir ?? NSTemporaryDirectory()).appendingPathComponent("gongshi-bench-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        print("Gongshi benchmark (release build recommended; one core for indexing)")
        if let db {
            let engine = try SearchEngine(database: GongshiDatabase(path: db, readOnly: true))
            let sample = try engine.database.organizationSample()
            try measureSearch(engine: engine, code: sample.code ?? "", orgs: sample.count)
            return
        }

        let bundled = try measureIndex(corpus: URL(fileURLWithPath: corpus), db: work.appendingPathComponent("bundled.sqlite").path)
        print(bundled.line(name: "bundled corpus"))

        let generated = work.appendingPathComponent("generated")
        let start = Date()
        let summary = try CorpusGenerator(organizations: orgs).write(to: generated)
        print(
            String(
                format: "generate %d orgs: %d credit records, %d notices in %.1f s", summary.organizations, summary.creditRecords, summary.notices,
                Date().timeIntervalSince(start)))
        // The generated corpus carries the bundled policies too, as a real deployment would.
        for item in ["policies", "synonyms.txt"] {
            try FileManager.default.copyItem(at: URL(fileURLWithPath: corpus).appendingPathComponent(item), to: generated.appendingPathComponent(item))
        }
        let largePath = work.appendingPathComponent("large.sqlite").path
        let large = try measureIndex(corpus: generated, db: largePath)
        print(large.line(name: "generated \(orgs) orgs"))
        let reference = try ReferenceIndex.trigram(copying: largePath, into: work.appendingPathComponent("reference.sqlite").path)
        let budget = Double(large.bytes) / 5e6
        print(
            String(
                format:
                    "reference, SQLite's own trigram FTS5 over the same search text (%.2f MB in %d rows, no records written): %.2f s = %.2f MB/s of the source, %.0f %% of the %.2f s a 5 MB/s index may take; database %.1f MB",
                Double(reference.textBytes) / 1e6, reference.rows, reference.seconds, Double(large.bytes) / 1e6 / reference.seconds,
                reference.seconds / budget * 100, budget, Double(reference.databaseBytes) / 1e6))

        let engine = try SearchEngine(database: GongshiDatabase(path: largePath, readOnly: true))
        try measureSearch(engine: engine, code: try firstCode(in: generated), orgs: orgs)
    }

    func measureSearch(engine: SearchEngine, code: String, orgs: Int) throws {
        var all: [Double] = []
        let queries = query.isEmpty ? Self.queries + [code] : query
        var times = Array(repeating: [Double](), count: queries.count)
        var totals = Array(repeating: 0, count: queries.count)
        // Each query's rounds back to back (its pages stay in the caches), or the queries in
        // turn, as a server sees them (each search finds the caches holding the others').
        let order = inTurn ? (0..<rounds).flatMap { _ in queries.indices } : queries.indices.flatMap { Array(repeating: $0, count: rounds) }
        for i in order {
            let t0 = DispatchTime.now().uptimeNanoseconds
            totals[i] = try engine.search(SearchRequest(query: queries[i], limit: 10)).total
            times[i].append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1_000_000)
        }
        all = times.flatMap { $0 }
        let perQuery = queries.indices.map { (queries[$0], Self.percentile(times[$0], 0.5), totals[$0]) }
        print(
            String(
                format: "search (%d queries x %d rounds%@, %d orgs): median %.2f ms, p99 %.2f ms, max %.2f ms",
                queries.count, rounds, inTurn ? " in turn" : "", orgs, Self.percentile(all, 0.5), Self.percentile(all, 0.99), all.max() ?? 0))
        for (query, median, total) in perQuery.sorted(by: { $0.1 > $1.1 }).prefix(5) {
            print(String(format: "  slowest: %@ median %.2f ms (%d hits)", query, median, total))
        }
    }

    struct IndexFigures {
        let seconds: Double
        let bytes: Int
        let records: Int
        let databaseBytes: Int

        func line(name: String) -> String {
            String(
                format: "index %@: %.2f MB source in %.2f s = %.2f MB/s, %d records = %.0f records/s, database %.1f MB",
                name, Double(bytes) / 1e6, seconds, Double(bytes) / 1e6 / seconds, records, Double(records) / seconds, Double(databaseBytes) / 1e6)
        }
    }

    func measureIndex(corpus: URL, db: String) throws -> IndexFigures {
        let database = try GongshiDatabase(path: db)
        let summary = try Indexer(corpus: corpus, database: database).run()
        try database.checkpoint()
        let size = (try? FileManager.default.attributesOfItem(atPath: db)[.size] as? Int) ?? 0
        return IndexFigures(seconds: summary.seconds, bytes: summary.bytesRead, records: summary.unitsWritten, databaseBytes: size)
    }

    func firstCode(in corpus: URL) throws -> String {
        let orgs = corpus.appendingPathComponent("orgs")
        let first = try FileManager.default.contentsOfDirectory(atPath: orgs.path).sorted().first ?? ""
        let text = try String(contentsOf: orgs.appendingPathComponent(first), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().first.map { String($0.prefix(18)) } ?? ""
    }

    static func percentile(_ values: [Double], _ p: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
    }
}
