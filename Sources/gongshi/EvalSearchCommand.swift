import ArgumentParser
import Foundation
import GongshiSearch
import GongshiStore

struct EvalSearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval-search",
        abstract: "运行检索评测集（每个期望的文档或段落须出现在前 10 条结果中），输出通过数"
    )

    @Argument(help: "评测集 JSON Lines 文件") var cases = "Tests/GongshiSearchTests/Fixtures/dev-search.jsonl"
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let text = try String(contentsOfFile: cases, encoding: .utf8)
        let engine = try SearchEngine(database: database.openReadOnly())
        let outcomes = try SearchEvaluation(engine: engine).run(SearchEvaluation.cases(jsonLines: text))
        for o in outcomes {
            print("\(o.passed ? "通过" : "失败") \(o.id) \(o.query)\(o.missing.isEmpty ? "" : "  缺少：" + o.missing.joined(separator: "；"))")
        }
        let passed = outcomes.filter(\.passed).count
        print("search: \(passed) passed, \(outcomes.count - passed) failed")
        if passed != outcomes.count { throw ExitCode(1) }
    }
}
