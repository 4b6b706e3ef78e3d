import ArgumentParser
import Foundation
import GongshiAnswers
import GongshiSearch
import GongshiStore

struct EvalQACommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval-qa",
        abstract: "运行法规问答评测集，输出 top-1、top-3、MRR@10、recall@10/100、各可信度的准确率和占比以及未答对的问题"
    )

    @Argument(help: "评测集 JSON Lines 文件") var cases = "Tests/GongshiAnswersTests/Fixtures/dev-qa.jsonl"
    @OptionGroup var database: DatabaseOptions
    @Option(help: "只评测一部分：report（编号数字部分能被 5 整除，报告用）、learn（其余，可用于学习）或 all") var part = "all"
    @Option(help: "交叉验证折数（0 为不做）：在索引副本上，每折用其余各折的问题作为问答对训练，再评测这一折") var crossValidate = 0
    @Flag(help: "不列出未答对的问题") var quiet = false
    @Flag(help: "对未答对的问题，列出前五个答案的得分构成（学习型模型）") var explain = false
    @Option(help: "与 --cross-validate 同用，调参：以 name=value,… 代替排序权重的默认值") var weights = ""

    func parsedWeights() throws -> [String: Float] {
        var result: [String: Float] = [:]
        for item in weights.split(separator: ",") {
            let parts = item.split(separator: "=")
            guard parts.count == 2, AnswerTrainer.weightNames.contains(String(parts[0])), let v = Float(parts[1]) else {
                throw ValidationError("--weights 的“\(item)”无效：应为 名称=数值，名称为 \(AnswerTrainer.weightNames.joined(separator: "、")) 之一")
            }
            result[String(parts[0])] = v
        }
        return result
    }

    func validate() throws {
        guard ["all", "report", "learn"].contains(part) else { throw ValidationError("--part 应为 all、report 或 learn") }
        guard crossValidate == 0 || (2...20).contains(crossValidate) else { throw ValidationError("--cross-validate 应为 0 或 2–20") }
        _ = try parsedWeights()
        if !weights.isEmpty && crossValidate == 0 { throw ValidationError("--weights 只能与 --cross-validate 同用") }
    }

    func run() throws {
        let text = try String(contentsOfFile: cases, encoding: .utf8)
        var all = try AnswerEvaluation.cases(jsonLines: text)
        if part != "all" { all = all.filter { AnswerEvaluation.isReporting(id: $0.id) == (part == "report") } }
        var outcomes: [AnswerEvaluation.Outcome] = []
        if crossValidate > 0 {
            outcomes = try Self.crossValidated(all, folds: crossValidate, db: database.path, weights: parsedWeights(), explain: explain && !quiet)
        } else {
            let engine = try AnswerEngine(database: database.openReadOnly())
            outcomes = try AnswerEvaluation(engine: engine).run(all)
            if explain && !quiet { for o in outcomes where o.rank != 1 { Self.printExplanation(o, engine: engine) } }
        }
        if !quiet {
            for o in outcomes where o.rank != 1 {
                print("\(o.rank.map { "第\($0)位" } ?? "未命中") \(o.id) \(o.question)  期望：\(o.expected)  首位：\(o.top ?? "无")  可信度：\(o.confidence.rawValue)")
            }
        }
        print(Self.report(AnswerEvaluation.summary(outcomes), part: part, folds: crossValidate))
    }

    static func report(_ s: AnswerEvaluation.Summary, part: String, folds: Int) -> String {
        var lines = [
            String(
                format: "qa: %d questions (part %@%@), top-1 %.1f%%, top-3 %.1f%%, MRR@10 %.3f, recall@10 %.3f, recall@100 %.3f",
                s.cases, part, folds > 0 ? ", \(folds)-fold cross-validated" : "", s.top1 * 100, s.top3 * 100, s.mrr10, s.recall10, s.recall100)
        ]
        for l in s.levels {
            lines.append(
                String(
                    format: "  confidence %@: share %.1f%% (%d), precision (first answer relevant) %.1f%%", l.level.rawValue, l.share * 100, l.count,
                    l.precision * 100))
        }
        return lines.joined(separator: "\n")
    }

    /// Fold k (id number mod `folds` == k) is answered by a model that learned from the
    /// other folds' questions, on a scratch copy of the index; questions of the set are
    /// never learned from by the fold that reports them, even if the corpus ships them.
    static func printExplanation(_ o: AnswerEvaluation.Outcome, engine: AnswerEngine) {
        print("\(o.id) \(o.question)  期望：\(o.expected)  第\(o.rank.map(String.init) ?? "?")位")
        for line in (try? engine.explain(o.question)) ?? [] { print("    \(line)") }
    }

    static func crossValidated(
        _ cases: [AnswerEvaluation.Case], folds: Int, db: String, weights: [String: Float] = [:], explain: Bool = false
    ) throws -> [AnswerEvaluation.Outcome] {
        let scratch = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("gongshi-cv-\(ProcessInfo.processInfo.processIdentifier).sqlite")
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: scratch.path + suffix) } }
        try? FileManager.default.removeItem(at: scratch)
        try GongshiDatabase(path: db, readOnly: true).copy(to: scratch.path)
        let database = try GongshiDatabase(path: scratch.path)
        let questions = Set(cases.map(\.q))
        var outcomes: [AnswerEvaluation.Outcome] = []
        for k in 0..<folds {
            let fold = cases.filter { (AnswerEvaluation.idNumber($0.id) ?? 0) % folds == k }
            guard !fold.isEmpty else { continue }
            let learn = cases.filter { (AnswerEvaluation.idNumber($0.id) ?? 0) % folds != k }.compactMap { c -> QAPair? in
                let articles = c.relevant.compactMap { r in r.article.map { QAPair.Article(title: r.title, article: $0) } }
                return articles.isEmpty ? nil : QAPair(id: c.id, question: c.q, relevant: articles)
            }
            var trainer = AnswerTrainer(database: database)
            trainer.weights = weights
            try trainer.train(excluding: questions, extraPairs: learn)
            let engine = try AnswerEngine(database: database)
            let foldOutcomes = try AnswerEvaluation(engine: engine).run(fold)
            if explain { for o in foldOutcomes where o.rank != 1 { printExplanation(o, engine: engine) } }
            outcomes += foldOutcomes
        }
        return outcomes.sorted { (AnswerEvaluation.idNumber($0.id) ?? 0) < (AnswerEvaluation.idNumber($1.id) ?? 0) }
    }
}
