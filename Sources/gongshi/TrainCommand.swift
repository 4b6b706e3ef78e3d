import ArgumentParser
import Foundation
import GongshiAnswers
import GongshiStore

/// `gongshi train`: rebuilds the learned Q&A model of an index (`gongshi index` runs it
/// whenever the index changed).
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "从问答对（qa-pairs/*.jsonl 与常见问题）学习问答模型，存入索引（gongshi index 会自动运行）"
    )

    @OptionGroup var options: DatabaseOptions

    func run() throws {
        do {
            let database = try GongshiDatabase(path: options.path)
            print(Self.text(try AnswerTrainer(database: database).train()))
        } catch {
            Terminal.error("错误：\(error)")
            throw ExitCode(2)
        }
    }

    static func hasModel(_ database: GongshiDatabase) -> Bool {
        ((try? database.pool.read { try $0.qaModel(named: "answers") }) ?? nil) != nil
    }

    static func text(_ r: AnswerTrainer.Report) -> String {
        var lines = [
            String(format: "问答模型：条款 %d 条，词 %d 个；问答对 %d 个（找到条款的 %d 个），学到词语对应 %d 条", r.units, r.terms, r.pairs, r.pairsUsed, r.translations),
            String(format: "  词索引 %.2f 秒，学习 %.2f 秒，模型 %.1f MB", r.indexSeconds, r.learnSeconds, Double(r.bytes) / 1e6),
        ]
        if r.calibrationQuestions >= AnswerTrainer.minCalibrationQuestions, !r.highThreshold.isFinite {
            lines.append("  可信度校准：留出问题 \(r.calibrationQuestions) 个，没有哪个阈值使“高”的首条正确率达标：不给“高”（点名条款除外）")
        } else if r.calibrationQuestions >= AnswerTrainer.minCalibrationQuestions {
            lines.append(
                String(
                    format: "  可信度校准：留出问题 %d 个，逻辑回归模型；“高”阈值 %.3f（留出问题上占 %.1f%%，首条正确率 %.1f%%）",
                    r.calibrationQuestions, r.highThreshold, r.highShare * 100, r.highPrecision * 100))
        } else {
            lines.append("  可信度校准：留出问题不足 \(AnswerTrainer.minCalibrationQuestions) 个（\(r.calibrationQuestions) 个），使用默认阈值")
        }
        if !r.subjects.isEmpty {
            let shown = r.subjects.prefix(40).joined(separator: "、")
            lines.append("  主题词（\(r.subjects.count) 个，条款首句提到而问题未提到时降分）：\(shown)\(r.subjects.count > 40 ? "…" : "")")
        }
        if !r.weightChoice.isEmpty { lines.append("  按本语料的留出问题选择权重：\n" + r.weightChoice.map { "    " + $0 }.joined(separator: "\n")) }
        return lines.joined(separator: "\n")
    }
}
