import ArgumentParser
import Foundation
import GongshiIndex
import GongshiStore

struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "索引语料目录（增量：未变化的文件跳过，已删除的文件移出索引）"
    )

    @Option(help: "语料目录") var corpus = "Corpus"
    @OptionGroup var options: DatabaseOptions
    @Flag(help: "不显示逐行错误，只显示汇总") var quiet = false

    func run() throws {
        let database: GongshiDatabase
        do { database = try GongshiDatabase(path: options.path) } catch {
            Terminal.error("错误：无法打开数据库 \(options.path)：\(error)")
            throw ExitCode(2)
        }
        var indexer = Indexer(corpus: URL(fileURLWithPath: corpus), database: database)
        indexer.progress = { done, total, item in Terminal.progress(done: done, total: total, item: item) }
        let summary: IndexSummary
        do { summary = try indexer.run() } catch {
            Terminal.error("错误：\(error)")
            throw ExitCode(2)
        }
        if !quiet {
            for problem in summary.problems { Terminal.error(problem.description) }
        }
        print(IndexReport.text(summary, corpus: corpus, db: options.path))
        if summary.rejected > 0 { throw ExitCode(1) }
    }
}

enum IndexReport {
    static func text(_ s: IndexSummary, corpus: String, db: String) -> String {
        let t = s.totals
        var lines = [
            "索引完成：\(corpus) → \(db)",
            "  文件：新索引 \(s.filesIndexed)，未变化跳过 \(s.filesSkipped)，已移除 \(s.filesRemoved)",
            "  索引内容：政策法规 \(t["document"] ?? 0) 件（条款/章节 \(t["unit"] ?? 0) 条），社会组织 \(t["org"] ?? 0) 个，信用记录 \(t["credit"] ?? 0) 条，公告 \(t["notice"] ?? 0) 条",
            String(format: "  用时 %.2f 秒，读取 %.2f MB", s.seconds, Double(s.bytesRead) / 1_000_000),
        ]
        lines.append(s.rejected == 0 ? "  被拒绝的行：0" : "  被拒绝的行：\(s.rejected)（见上方 文件:行: 字段: 原因）")
        return lines.joined(separator: "\n")
    }
}
