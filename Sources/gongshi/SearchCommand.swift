import ArgumentParser
import Foundation
import GongshiSearch
import GongshiStore
import GongshiWeb

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "检索政策法规、条款、社会组织、信用记录和公告"
    )

    @Argument(help: "检索词（可用空格分隔多个词；支持文号、统一社会信用代码、拼音）") var query: String
    @OptionGroup var database: DatabaseOptions
    @Option(help: "只检索一类：policy|article|org|credit|notice") var type: String?
    @Option(help: "最多返回条数（1–100）") var limit = 10
    @Flag(help: "输出 JSON") var json = false

    func validate() throws {
        if let type, SearchRequest.Kind(rawValue: type) == nil {
            throw ValidationError("--type 应为 policy、article、org、credit 或 notice")
        }
        guard (1...SearchRequest.maxLimit).contains(limit) else { throw ValidationError("--limit 应在 1 到 100 之间") }
    }

    func run() throws {
        let engine: SearchEngine
        do { engine = try SearchEngine(database: database.openReadOnly()) } catch {
            Terminal.error("错误：\(error)")
            throw ExitCode(2)
        }
        let response: SearchResponse
        do { response = try engine.search(SearchRequest(query: query, kind: type.flatMap(SearchRequest.Kind.init), limit: limit)) } catch {
            Terminal.error("错误：\(error)")
            throw ExitCode(2)
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(SearchResponseBody(response)), as: UTF8.self))
            return
        }
        print("“\(query)”：共 \(response.total) 条结果")
        for (i, r) in response.results.enumerated() {
            let kind = ["policy": "政策法规", "article": "条款", "org": "社会组织", "credit": "信用记录", "notice": "公告"][r.kind] ?? r.kind
            print("\(i + 1). [\(kind)] \(r.title)\(r.label.map { " \($0)" } ?? "")  \(URLBuilder.path(r.ref))")
            print("   \(Self.plain(r.snippet))")
        }
    }

    /// Marked text for the terminal: marks become bold when interactive, 【】 otherwise.
    static func plain(_ text: MarkedText) -> String {
        let bold = isatty(STDOUT_FILENO) == 1
        return text.segments.map { $0.marked ? (bold ? "\u{1B}[1m" : "【") + $0.text + (bold ? "\u{1B}[0m" : "】") : String($0.text) }.joined()
    }
}
