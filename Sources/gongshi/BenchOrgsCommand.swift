import ArgumentParser
import Foundation
import GongshiDisclosure
import GongshiIndex
import GongshiSampleData
import GongshiSearch
import GongshiStore

/// The transparency-pages benchmark: generate N organizations, index them (build time and
/// database size), then time `profile(code:)` over random codes and `suggest(prefix:)`
/// over random name prefixes and middle words, in process.
struct BenchOrgsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-orgs",
        abstract: "性能基准：组织页面 profile 与名称联想 suggest 的延迟（p50/p99），以及索引用时和数据库大小"
    )

    @Option(help: "生成语料的组织数量") var orgs = 1_000_000
    @Option(help: "每种查询的次数") var samples = 2_000
    @Option(help: "打包语料目录（复制其中的政策文件与规则）") var corpus = "Corpus"
    @Option(help: "工作目录（默认临时目录）") var workdir: String?
    @Option(help: "只测延迟：使用这个已建好的索引数据库") var db: String?
    @Flag(help: "结束后保留生成的语料与数据库") var keep = false

    func run() throws {
        let work = URL(fileURLWithPath: workdir ?? NSTemporaryDirectory()).appendingPathComponent(
            "gongshi-bench-orgs-\(ProcessInfo.processInfo.processIdentifier)")
        var databasePath = db
        if databasePath == nil {
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
            let generated = work.appendingPathComponent("corpus")
            var start = Date()
            let summary = try CorpusGenerator(organizations: orgs).write(to: generated)
            print(
                String(
                    format: "generate %d orgs: %d credit records, %d notices in %.1f s", summary.organizations, summary.creditRecords,
                    summary.notices, Date().timeIntervalSince(start)))
            for item in ["policies", "rules", "synonyms.txt"] {
                let source = URL(fileURLWithPath: corpus).appendingPathComponent(item)
                if FileManager.default.fileExists(atPath: source.path) {
                    try FileManager.default.copyItem(at: source, to: generated.appendingPathComponent(item))
                }
            }
            let path = work.appendingPathComponent("orgs.sqlite").path
            start = Date()
            let database = try GongshiDatabase(path: path)
            let indexed = try Indexer(corpus: generated, database: database).run()
            try database.checkpoint()
            let seconds = Date().timeIntervalSince(start)
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            print(
                String(
                    format: "index: %.1f s, %.1f MB read, %d rejected rows, database %.0f MB", seconds, Double(indexed.bytesRead) / 1e6,
                    indexed.rejected, Double(size) / 1e6))
            databasePath = path
        }
        defer { if !keep && db == nil { try? FileManager.default.removeItem(at: work) } }
        guard let databasePath else { return }
        let directory = try OrganizationDirectory(database: GongshiDatabase(path: databasePath, readOnly: true))
        let (codes, names) = try OrganizationSample.draw(from: directory.database, count: samples)
        var random = SystemRandomNumberGenerator()
        let today = DisclosureDate.today()
        // Warm the page cache the way a running server would be.
        for code in codes.prefix(50) { _ = try directory.profile(code: code, today: today) }

        var profileTimes: [Double] = []
        var found = 0
        for code in codes {
            let t0 = DispatchTime.now().uptimeNanoseconds
            if try directory.profile(code: code, today: today) != nil { found += 1 }
            profileTimes.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
        }
        print(
            String(
                format: "profile(code:) x %d (%d found): p50 %.2f ms, p99 %.2f ms, max %.2f ms", codes.count, found,
                Self.percentile(profileTimes, 0.5), Self.percentile(profileTimes, 0.99), profileTimes.max() ?? 0))

        // Prefixes: the first 2-6 characters of a name, or 2-4 characters from a word start
        // in the middle (after the district: 退役军人…).
        var suggestTimes: [Double] = []
        var hits = 0
        for name in names {
            let characters = Array(name)
            let start = Bool.random(using: &random) ? 0 : min(characters.count - 2, Int.random(in: 3...6, using: &random))
            let length = Int.random(in: 2...6, using: &random)
            let prefix = String(characters[max(0, start)..<min(characters.count, max(0, start) + length)])
            let t0 = DispatchTime.now().uptimeNanoseconds
            hits += try directory.suggest(prefix: prefix, limit: 10).isEmpty ? 0 : 1
            suggestTimes.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
        }
        print(
            String(
                format: "suggest(prefix:) x %d (%d with suggestions): p50 %.2f ms, p99 %.2f ms, max %.2f ms", names.count, hits,
                Self.percentile(suggestTimes, 0.5), Self.percentile(suggestTimes, 0.99), suggestTimes.max() ?? 0))
        if keep && db == nil { print("kept: \(work.path)") }
    }

    static func percentile(_ values: [Double], _ p: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
    }
}
