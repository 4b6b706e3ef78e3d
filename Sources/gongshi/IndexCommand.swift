import ArgumentParser
import Foundation
import GongshiAnswers
import GongshiIndex
import GongshiStore

struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "索引语料目录（增量：未变化的文件跳过，已删除的文件移出索引）"
    )

    @Option(help: "语料目录") var corpus = "Corpus"
    @OptionGroup var options: DatabaseOptions
    @Flag(help: "不显示进度和逐行错误，只显示汇总") var quiet = false
    @Flag(help: "接受为空、无法解析或大部分行被拒绝的新文件，清除其上一次索引的记录（默认保留上一次的记录并报错）") var replaceEmpty = false

    func run() throws {
        let database: GongshiDatabase
        do { database = try GongshiDatabase(path: options.path) } catch {
            Terminal.error("错误：无法打开数据库 \(options.path)：\(error)")
            throw ExitCode(2)
        }
        var indexer = Indexer(corpus: URL(fileURLWithPath: corpus), database: database)
        if !quiet { indexer.progress = { done, total, item in Terminal.progress(done: done, total: total, item: item) } }
        indexer.replaceEmpty = replaceEmpty
        let summary: IndexSummary
        do { summary = try indexer.run() } catch {
            // A failed run rolled back; what it wrote to the WAL is of no use: truncate it
            // (best effort — on a full disk even this may fail).
            try? database.checkpoint()
            Terminal.error("错误：\(error)")
            throw ExitCode(2)
        }
        if !quiet {
            for problem in summary.problems { Terminal.error(problem.description) }
            for orphan in summary.orphans.prefix(50) { Terminal.error(orphan.description) }
            if summary.orphans.count > 50 { Terminal.error("……另有 \(summary.orphans.count - 50) 条引用了不在索引中的社会组织") }
        }
        for warning in summary.warnings { Terminal.error("提示：\(warning)") }
        print(IndexReport.text(summary, corpus: corpus, db: options.path))
        // The learned Q&A model is part of the index: rebuilt whenever the index changed.
        if summary.filesIndexed + summary.filesRemoved > 0 || !TrainCommand.hasModel(database) {
            do {
                print(TrainCommand.text(try AnswerTrainer(database: database).train()))
            } catch {
                Terminal.error("错误：问答模型训练失败：\(error)")
                throw ExitCode(2)
            }
        }
        // The WAL holds the whole run until checkpointed: move it into the database and
        // truncate it, so the disk holds one copy of the index (retried while a server's
        // readers finish their reads).
        do { try database.checkpointTruncating() } catch { print("  注意：WAL 未能截断（\(error)）") }
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
        if s.filesKept > 0 { lines.append("  保留上一次索引记录的文件：\(s.filesKept)（新版本为空、无法读取或大部分行被拒绝）") }
        if !s.orphans.isEmpty { lines.append("  引用了不在索引中的社会组织的记录：\(s.orphans.count)") }
        return lines.joined(separator: "\n")
    }
}
