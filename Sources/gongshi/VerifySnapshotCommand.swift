import ArgumentParser
import Foundation
import GongshiWeb

/// `gongshi verify-snapshot`: the check `serve --snapshot` makes at start, alone
/// (scripts/rollout.sh runs it on a copy before switching a node to it).
struct VerifySnapshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-snapshot",
        abstract: "校验快照目录：清单完整，且每个文件的大小与 SHA-256 与清单一致"
    )

    @Argument(help: "快照目录") var directory: String
    @Flag(help: "只输出索引版本号（供脚本使用）") var generationOnly = false
    @Flag(help: "只核对清单与文件大小，不计算 SHA-256（用于已完整校验过的副本）") var quick = false

    func run() throws {
        do {
            let (_, snapshot) = try SnapshotPublisher.openVerified(directory: directory, hashes: !quick)
            if generationOnly {
                print(snapshot.manifest.generation)
            } else {
                print("快照有效：\(directory)（索引版本 \(snapshot.manifest.generation)，\(snapshot.manifest.files.count) 个文件，共 \(snapshot.manifest.totalBytes) 字节）")
            }
        } catch {
            Terminal.error("错误：快照校验未通过：\(SnapshotCommand.describe(error))")
            throw ExitCode(2)
        }
    }
}
