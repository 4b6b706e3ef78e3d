import ArgumentParser
import Foundation
import GongshiSearch
import GongshiAnswers
import GongshiStore

struct EvalQACommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval-qa",
        abstract: "运行法规问答评测集，输出 top-1、top-3 准确率和 MRR@10 以及未答对的问题"
    )

    @Argument(help: "评测集 JSON Lines 文件") var cases = "Tests/GongshiSearchTests/Fixtures/dev-qa.jsonl"
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let text = try String(contentsOfFile: cases, encoding: .utf8)
        let engine = try AnswerEngine(database: database.openReadOnly())
        let outcomes = try AnswerEvaluation(engine: engine).run(AnswerEvaluation.cases(jsonLines: text))
        for o in outcomes where o.rank != 1 {
            print("\(o.rank.map { "第\($0)位" } ?? "未命中") \(o.id) \(o.question)  期望：\(o.expected)  首位：\(o.top ?? "无")  可信度：\(o.confidence.rawValue)")
        }
        let s = AnswerEvaluation.summary(outcomes)
        print(String(format: "qa: %d questions, top-1 %.1f%%, top-3 %.1f%%, MRR@10 %.3f", s.cases, s.top1 * 100, s.top3 * 100, s.mrr10))
    }
}
