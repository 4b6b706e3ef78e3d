import ArgumentParser
import Foundation
import GongshiAnswers
import GongshiIndex
import GongshiStore
import GongshiWeb
import Logging

#if canImport(Glibc)
    import Glibc
#endif

/// The learned Q&A benchmark on STARD (`../shared/eval/stard-train`): assembles a corpus of
/// its laws plus the learning part of `train-qa.jsonl` (questions whose id number is not
/// divisible by 5) as `qa-pairs/`, indexes it (timed), learns (timed), evaluates the reporting
/// part (id number divisible by 5) and times `/api/ask` over HTTP, one question at a time.
struct BenchQACommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-qa",
        abstract: "学习型问答基准（STARD）：索引与学习用时、报告部分的准确率，以及 /api/ask 经 HTTP 的延迟（p50/p95）"
    )

    @Option(help: "STARD 目录（含 Corpus/ 与 train-qa.jsonl）") var stard = "../shared/eval/stard-train"
    @Option(help: "工作目录（语料副本与索引放在这里）") var workdir = ".build/bench-qa"
    @Option(help: "HTTP 计时的轮数（每轮逐个问报告部分的全部问题）") var rounds = 1
    @Flag(help: "复用工作目录中已建好的索引，只评测和计时") var reuse = false
    @Flag(help: "调参模式：编号数字部分除以 5 余 1 的问题也不学习，只评测它们（报告部分不碰）") var tune = false
    @Flag(help: "不做 HTTP 计时") var noHttp = false
    @Flag(help: "与 --tune 同用：在调参部分上逐个权重搜索（坐标上升），打印每个设置的 MRR@10 与 recall@10") var search = false

    @Option(help: "与 --search 同用：坐标上升的轮数") var searchRounds = 2
    @Option(help: "与 --search 同用：以 name=value,… 代替已存模型的排序权重作为起点") var weights = ""

    func validate() throws {
        if search && !tune { throw ValidationError("--search 只能与 --tune 同用：报告部分不参与调参") }
    }

    func run() throws {
        let work = URL(fileURLWithPath: workdir)
        let corpus = work.appendingPathComponent("corpus")
        let dbPath = work.appendingPathComponent("stard.sqlite").path
        let questionsText = try String(contentsOfFile: stard + "/train-qa.jsonl", encoding: .utf8)
        let cases = try AnswerEvaluation.cases(jsonLines: questionsText)
        func isTune(_ id: String) -> Bool { (AnswerEvaluation.idNumber(id) ?? 0) % 5 == 1 }
        // Tuning never sees the reporting part: it learns from ids ≡ 2, 3, 4 (mod 5) and is judged on ≡ 1.
        let report = cases.filter { tune ? isTune($0.id) : AnswerEvaluation.isReporting(id: $0.id) }
        print("Gongshi learned Q&A benchmark (release build): \(cases.count) STARD questions, \(report.count) reported\(tune ? " (tuning: id ≡ 1 mod 5)" : "")")
        if !reuse {
            try? FileManager.default.removeItem(at: work)
            try FileManager.default.createDirectory(at: corpus.appendingPathComponent("qa-pairs"), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: URL(fileURLWithPath: stard + "/Corpus/policies"), to: corpus.appendingPathComponent("policies"))
            let learn = questionsText.split(separator: "\n").filter { line in
                guard let c = try? AnswerEvaluation.cases(jsonLines: String(line)).first else { return false }
                return !AnswerEvaluation.isReporting(id: c.id) && !(tune && isTune(c.id))
            }
            try (learn.joined(separator: "\n") + "\n").write(to: corpus.appendingPathComponent("qa-pairs/stard-learn.jsonl"), atomically: true, encoding: .utf8)
            let database = try GongshiDatabase(path: dbPath)
            let summary = try Indexer(corpus: corpus, database: database).run()
            print(
                String(
                    format: "index: %d documents, %d articles, %d pairs in %.1f s (target ≤ 30 s)",
                    summary.totals["document"] ?? 0, summary.totals["unit"] ?? 0, summary.written["qa_pair"] ?? 0, summary.seconds))
            let trained = try AnswerTrainer(database: database).train()
            print(
                String(
                    format: "learn: word index of %d units in %.1f s, learning from %d pairs (%d found) in %.1f s, total %.1f s (target ≤ 60 s)",
                    trained.units, trained.indexSeconds, trained.pairs, trained.pairsUsed, trained.learnSeconds, trained.indexSeconds + trained.learnSeconds))
            print(TrainCommand.text(trained))
            // The held-aside questions' confidence features, to see what separates right from wrong.
            let rows = trained.heldAside.map { h in (h.features.map { String(format: "%.4f", Double($0)) } + [h.right ? "1" : "0"]).joined(separator: "\t") }
            try ([(AnswerTrainer.confidenceFeatureNames + ["right"]).joined(separator: "\t")] + rows).joined(separator: "\n").write(
                to: work.appendingPathComponent("held-aside.tsv"), atomically: true, encoding: .utf8)
            try database.checkpoint()
        }
        let engine = try AnswerEngine(database: GongshiDatabase(path: dbPath, readOnly: true))
        if search {
            // Candidate values per weight; the stored model's weights are the start.
            let candidates: [String: [Float]] = [
                "translation": [0.5, 0.75, 1.5, 2], "documentPrior": [0, 0.04, 0.12, 0.2], "unitPrior": [0, 0.04, 0.12, 0.2],
                "type": [0, 0.03, 0.1], "neighbour": [0.05, 0.1, 0.2, 0.4, 0.8], "coverage": [0, 0.15, 0.5],
                "expansions": [5, 7, 10], "minTranslation": [0.01, 0.04], "definition": [0, 0.1, 0.2, 0.3],
            ]
            var tuning = AnswerTuning(engine: engine)
            for item in weights.split(separator: ",") {
                let parts = item.split(separator: "=")
                guard parts.count == 2, let v = Float(parts[1]) else { throw ValidationError("--weights 的“\(item)”无效：应为 名称=数值") }
                tuning.start[String(parts[0])] = v
            }
            let best = try tuning.search(report, candidates: candidates, rounds: searchRounds) { print($0) }
            // The confidence features per question, for a look at what separates right from wrong.
            let table = try tuning.evaluate(report, values: best).features.map { f in
                (f.values.map { String(format: "%.4f", Double($0)) } + ["\(f.rank)"]).joined(separator: "\t")
            }
            try ([(AnswerTrainer.confidenceFeatureNames + ["rank"]).joined(separator: "\t")] + table).joined(separator: "\n").write(
                toFile: workdir + "/confidence.tsv", atomically: true, encoding: .utf8)
            let figures = try tuning.evaluate(report, values: best)
            print(
                String(
                    format: "confidence: largest share right ≥ 95%% %.3f, ≥ 90%% %.3f (by falling confidence score)",
                    figures.confidentShare(precision: 0.95), figures.confidentShare(precision: 0.9)))
            return
        }
        let outcomes = try AnswerEvaluation(engine: engine).run(report)
        print(EvalQACommand.report(AnswerEvaluation.summary(outcomes), part: tune ? "tune (id ≡ 1 mod 5)" : "report", folds: 0))
        if noHttp { return }

        let site = try Site(database: GongshiDatabase(path: dbPath, readOnly: true), staticDirectory: nil)
        // No access log: one line per request would be timed too.
        var quiet = Logger(label: "gongshi.bench-qa")
        quiet.logLevel = .warning
        let server = HTTPServer(router: Router(site: site), logger: quiet)
        var options = HTTPServer.Options()
        options.port = 0
        try server.start(options)
        defer { server.stop() }
        var times: [Double] = []
        for _ in 0..<max(rounds, 1) {
            for c in report {
                let q = c.q.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                let start = DispatchTime.now().uptimeNanoseconds
                let status = try Self.get(port: server.port, path: "/api/ask?q=\(q)&limit=10")
                times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
                guard status == 200 else { throw ValidationError("/api/ask 返回 \(status)：\(c.q)") }
            }
        }
        times.sort()
        func p(_ x: Double) -> Double { times[min(times.count - 1, Int(Double(times.count) * x))] }
        print(
            String(
                format: "/api/ask over HTTP: %d requests, p50 %.2f ms, p95 %.2f ms, max %.2f ms (target p95 ≤ 30 ms)", times.count, p(0.5), p(0.95),
                times.last ?? 0))
    }

    /// One GET on loopback with `Connection: close`; the status code.
    static func get(port: UInt16, path: String) throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ValidationError("socket") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard rc == 0 else { throw ValidationError("connect") }
        let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
        guard send(fd, request, request.count, 0) == request.count else { throw ValidationError("send") }
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            response += buffer[0..<n]
        }
        let head = String(decoding: response.prefix(64), as: UTF8.self)
        return Int(head.split(separator: " ").dropFirst().first ?? "") ?? 0
    }
}
