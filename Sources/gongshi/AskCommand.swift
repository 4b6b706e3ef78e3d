import ArgumentParser
import Foundation
import GongshiAnswers
import GongshiSearch
import GongshiStore
import GongshiWeb

struct AskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ask",
        abstract: "法规问答：用大白话提问，给出回答问题的条款原文和引用"
    )

    @Argument(help: "问题，例如：成立社会团体需要什么条件？") var question: String
    @OptionGroup var database: DatabaseOptions
    @Option(help: "最多返回条数（1–100）") var limit = 5
    @Flag(help: "输出 JSON") var json = false

    func validate() throws {
        guard (1...AnswerEngine.maxLimit).contains(limit) else { throw ValidationError("--limit 应在 1 到 100 之间") }
        guard question.count <= AnswerEngine.maxQuestionCharacters else { throw ValidationError("问题不能超过 500 个字") }
    }

    func run() throws {
        let response: AnswerResponse
        do {
            let engine = try AnswerEngine(database: database.openReadOnly())
            response = try engine.answer(question, limit: limit)
        } catch {
            Terminal.error("错误：\(error)")
            throw ExitCode(2)
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(AnswerResponseBody(response)), as: UTF8.self))
            return
        }
        let confidence = ["high": "高", "medium": "中", "low": "低"][response.confidence.rawValue] ?? ""
        print("问题：\(response.question)")
        print("可信度：\(confidence)")
        if let notice = response.notice { print("提示：\(notice)") }
        if let center = response.serviceCenter {
            let details = [center.address.map { "地址 \($0)" }, center.phone.map { "电话 \($0)" }, center.hours.map { "办公时间 \($0)" }, center.web]
            print("  \(center.name)：" + details.compactMap { $0 }.joined(separator: "；"))
        }
        for item in response.faq {
            print("\n常见问题：\(item.question)")
            print("  \(item.answer)")
            for a in item.articles { print("  依据：《\(a.document)》\(a.label ?? "")\(a.ref.map { "  \(URLBuilder.path($0))" } ?? "")") }
        }
        for (i, answer) in response.answers.enumerated() {
            let state = answer.current ? (answer.document.status ?? "") : "【\(answer.document.status ?? "非现行")，不是现行规定】"
            print("\n\(i + 1). 《\(answer.document.title)》\(answer.article?.label ?? answer.section?.label ?? "")  \(state)  \(URLBuilder.path(answer.ref))")
            print("   \(SearchCommand.plain(answer.highlight).replacingOccurrences(of: "\n", with: "\n   "))")
            print("   引用：\(answer.citation)")
        }
    }
}
