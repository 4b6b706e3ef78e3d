import ArgumentParser
import Foundation
import GongshiStore
import GongshiWeb

/// `gongshi snapshot`: an immutable, self-contained copy of the index for read nodes.
struct SnapshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "生成只读索引快照（供多台只读节点使用）：数据库副本、CSV 导出与清单"
    )

    @OptionGroup var database: DatabaseOptions
    @Option(help: "快照输出目录（须不存在或为空）") var out: String

    func run() throws {
        let started = Date()
        do {
            let manifest = try SnapshotPublisher.publish(databasePath: database.path, into: out) { step in
                Terminal.error("· \(step.rawValue)")
            }
            let seconds = Date().timeIntervalSince(started)
            let counts = manifest.counts
            print("快照已生成：\(out)")
            print("  索引版本 \(manifest.generation)，生成时间 \(manifest.created)，用时 \(String(format: "%.1f", seconds)) 秒")
            print("  社会组织 \(counts.organizations)，信用记录 \(counts.creditRecords)，公告 \(counts.notices)，政策法规 \(counts.policies)（条文 \(counts.articles)）")
            for file in manifest.files {
                print("  \(file.name)  \(file.bytes) 字节  sha256 \(file.sha256)")
            }
        } catch {
            Terminal.error("错误：\(Self.describe(error))")
            if !FileManager.default.fileExists(atPath: (out as NSString).appendingPathComponent(SnapshotManifest.fileName)) {
                Terminal.error("快照未完成：未写入清单 \(SnapshotManifest.fileName)，该目录不会被任何节点使用。")
            }
            throw ExitCode(2)
        }
    }

    /// A store error as people read it: the reason, then the file.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? StoreError else { return "\(error)" }
        return error.path.map { "\(error.message)（文件：\($0)）" } ?? error.message
    }
}
