import ArgumentParser
import Foundation
import GongshiAnswers
import GongshiIndex
import GongshiSearch
import GongshiStore

/// The Q&A benchmark: assembles a corpus of at least `--articles` articles from deterministic
/// variants of the bundled regulations (fictional local regulations, some marked 已废止),
/// indexes it, then times `AnswerEngine.answer` in process over a fixed question list.
struct BenchAskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-ask",
        abstract: "法规问答性能基准：组装不少于指定条数的条款语料，报告索引用时和问答延迟（中位数与 p95）"
    )

    @Option(help: "语料中条款的最少数量") var articles = 50_000
    @Option(help: "每个问题重复次数") var rounds = 10
    @Option(help: "打包语料目录") var corpus = "Corpus"
    @Option(help: "工作目录（默认临时目录）") var workdir: String?
    @Option(help: "只测问答延迟：使用这个已建好的索引数据库") var db: String?
    @Option(help: "把组装语料的索引数据库保存到这个路径（之后可用 --db 复用）") var keep: String?

    static let questions = [
        "成立社会团体需要什么条件？", "申请政府信息公开多久答复？", "基金会原始基金最低多少钱", "民非年检要交哪些材料",
        "社团可以设立分支机构吗", "慈善信托需要备案吗", "公开募捐资格证书丢了怎么办", "志愿者是指什么人",
        "行政处罚有哪些种类", "行政许可申请多少天内作出决定", "社会组织评估等级有效期几年", "境外NGO在中国开展活动要登记吗",
        "捐钱以后可以查询怎么用的吗", "基金会理事最多几个人", "社会團體年檢要交錢嗎", "非营利法人注销后剩余财产怎么处理",
        "慈善组织认定需要什么材料", "获得3A等级有什么好处", "今天天气怎么样", "民办非企业单位名称可以用中国吗",
    ]

    static let places = ["东江", "南湖", "西山", "北原", "青川", "白沙", "金桥", "云溪", "松林", "石港", "柳岸", "桃源"]
    static let kinds = ["实施办法", "实施细则", "暂行规定", "管理规定"]

    func run() throws {
        let work = URL(fileURLWithPath: workdir ?? NSTemporaryDirectory()).appendingPathComponent(
            "gongshi-bench-ask-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        print("Gongshi Q&A benchmark (release build recommended)")
        if let db {
            try measure(AnswerEngine(database: GongshiDatabase(path: db, readOnly: true)), articles: nil)
            return
        }
        let assembled = work.appendingPathComponent("corpus")
        let start = Date()
        let (documents, units) = try assemble(into: assembled)
        print(String(format: "assemble %d documents, %d articles in %.1f s", documents, units, Date().timeIntervalSince(start)))
        let path = work.appendingPathComponent("qa.sqlite").path
        let database = try GongshiDatabase(path: path)
        let summary = try Indexer(corpus: assembled, database: database).run()
        try database.checkpoint()
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        print(
            String(
                format: "index: %d articles/sections in %d documents, %.2f MB source in %.1f s, database %.1f MB",
                summary.totals["unit"] ?? 0, summary.totals["document"] ?? 0, Double(summary.bytesRead) / 1e6, summary.seconds, Double(size) / 1e6))
        try measure(AnswerEngine(database: GongshiDatabase(path: path, readOnly: true)), articles: summary.totals["unit"])
        if let keep {
            try? FileManager.default.removeItem(atPath: keep)
            try FileManager.default.copyItem(atPath: path, toPath: keep)
            print("database kept at \(keep)")
        }
    }

    /// Copies the bundled corpus (policies, FAQ, vocabulary, synonyms, contact) and adds
    /// variants of each regulation until the article count is reached.
    func assemble(into root: URL) throws -> (documents: Int, units: Int) {
        let fm = FileManager.default
        let source = URL(fileURLWithPath: corpus)
        try fm.createDirectory(at: root, withIntermediateDirectories: true)
        for item in ["policies", "faq", "synonyms.txt", "qa-vocabulary.txt", "service-center.yaml"]
        where fm.fileExists(atPath: source.appendingPathComponent(item).path) {
            try fm.copyItem(at: source.appendingPathComponent(item), to: root.appendingPathComponent(item))
        }
        let regulations = source.appendingPathComponent("policies/regulations")
        let files = try fm.contentsOfDirectory(atPath: regulations.path).filter { $0.hasSuffix(".md") }.sorted()
        var templates: [(name: String, text: String, units: Int)] = []
        for file in files {
            let text = try String(contentsOf: regulations.appendingPathComponent(file), encoding: .utf8)
            let units = text.split(separator: "\n").filter { $0.hasPrefix("第") && $0.contains("条") }.count
            templates.append((String(file.dropLast(3)), text, units))
        }
        var documents = files.count
        var units = templates.map(\.units).reduce(0, +)
        let out = root.appendingPathComponent("policies/variants")
        try fm.createDirectory(at: out, withIntermediateDirectories: true)
        var k = 0
        while units < articles, !templates.isEmpty {
            let template = templates[k % templates.count]
            let copy = k / templates.count
            let text = Self.variant(template.text, copy: copy, index: k)
            try Data(text.utf8).write(to: out.appendingPathComponent("\(template.name)-\(copy).md"))
            units += template.units
            documents += 1
            k += 1
        }
        return (documents, units)
    }

    /// A fictional local version: another title and 文号, numbers shifted, every tenth 已废止.
    static func variant(_ text: String, copy: Int, index: Int) -> String {
        let place = places[copy % places.count] + (copy >= places.count ? "\(copy / places.count + 1)" : "") + "市"
        let kind = kinds[index % kinds.count]
        let shift = copy % 5
        var lines: [String] = []
        var inFront = false
        var frontDone = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var l = String(line)
            if l == "---" {
                if inFront { frontDone = true }
                inFront = !frontDone
                lines.append(l)
                continue
            }
            if inFront {
                if l.hasPrefix("title:") {
                    let title = l.dropFirst(6).trimmingCharacters(in: .whitespaces)
                    l = "title: \(place)贯彻《\(title)》\(kind)"
                } else if l.hasPrefix("doc_number:") {
                    l = "doc_number: \(place)府规〔20\(10 + copy % 15)〕\(index + 1)号"
                } else if l.hasPrefix("status:") {
                    l = "status: \(index % 10 == 9 ? "已废止" : "现行有效")"
                } else if l.hasPrefix("level:") {
                    l = "level: 地方政府规章"
                } else if l.hasPrefix("issuer:") {
                    l = "issuer: \(place)人民政府"
                }
            } else if shift > 0 {
                l = shifted(l, by: shift)
            }
            lines.append(l)
        }
        return lines.joined(separator: "\n")
    }

    /// Adds `by` to every run of ASCII digits (50个 -> 52个), so variants differ in detail.
    static func shifted(_ line: String, by: Int) -> String {
        var out = ""
        var digits = ""
        for c in line {
            if c.isASCII && c.isNumber {
                digits.append(c)
                continue
            }
            if !digits.isEmpty {
                out += String((Int(digits) ?? 0) + by)
                digits = ""
            }
            out.append(c)
        }
        if !digits.isEmpty { out += String((Int(digits) ?? 0) + by) }
        return out
    }

    func measure(_ engine: AnswerEngine, articles: Int?) throws {
        _ = try engine.answer("预热", limit: 5)  // loads the lexicon once
        var all: [Double] = []
        var perQuestion: [(String, Double)] = []
        for question in Self.questions {
            var times: [Double] = []
            for _ in 0..<rounds {
                let t0 = DispatchTime.now().uptimeNanoseconds
                _ = try engine.answer(question, limit: 5)
                times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1_000_000)
            }
            all += times
            perQuestion.append((question, BenchCommand.percentile(times, 0.5)))
        }
        print(
            String(
                format: "ask (%d questions x %d rounds%@): median %.2f ms, p95 %.2f ms, max %.2f ms",
                Self.questions.count, rounds, articles.map { ", \($0) articles" } ?? "",
                BenchCommand.percentile(all, 0.5), BenchCommand.percentile(all, 0.95), all.max() ?? 0))
        for (question, median) in perQuestion.sorted(by: { $0.1 > $1.1 }).prefix(5) {
            print(String(format: "  slowest: %@ median %.2f ms", question, median))
        }
    }
}
