import ArgumentParser
import Foundation
import GongshiIndex
import GongshiSampleData

/// `gongshi generate`: writes a fictional sample corpus (organizations, credit records,
/// notices) to `--out`; the same `--orgs` and `--seed` always give the same files.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "生成样例数据：社会组织、信用记录和公告（同一种子结果完全相同）"
    )

    @Option(name: .customLong("orgs"), help: "组织数量") var organizations = 300
    @Option(help: "随机种子") var seed: UInt64 = 20161
    @Option(help: "输出的语料目录（写入其中的 orgs/、credit/、notices/ 子目录）") var out = "Corpus"

    func validate() throws {
        guard (0...10_000_000).contains(organizations) else { throw ValidationError("--orgs 应在 0 到 10000000 之间") }
    }

    func run() throws {
        let summary = try CorpusGenerator(organizations: organizations, seed: seed).write(to: URL(fileURLWithPath: out))
        print("已生成：组织 \(summary.organizations) 个，信用记录 \(summary.creditRecords) 条，公告 \(summary.notices) 条（共 \(summary.files.count) 个文件，写入 \(out)）")
    }
}
