import Foundation
import GRDB

/// The store's part of `gongshi snapshot`: a self-contained, read-only copy of the index.
/// The copy is made with `VACUUM INTO` after a checkpoint (so it holds every committed
/// change and no free pages), switched to rollback-journal mode (a WAL file would be
/// needed beside it otherwise) and checked with `PRAGMA integrity_check`.
public enum SnapshotBuilder {
    /// Copies `source` into `directory/gongshi.sqlite`. `directory` must not exist or be
    /// empty. Returns the path of the copy.
    public static func copyDatabase(_ source: GongshiDatabase, into directory: String) throws(StoreError) -> String {
        try prepareEmptyDirectory(directory)
        let target = (directory as NSString).appendingPathComponent(SnapshotManifest.databaseFileName)
        try source.checkpoint()
        do {
            try source.pool.writeWithoutTransaction { db in
                try db.execute(sql: "VACUUM INTO ?", arguments: [target])
            }
        } catch {
            throw StoreError(kind: .snapshot, message: "VACUUM INTO 失败：\(StoreError.wrap(error).message)", path: target)
        }
        // The copy keeps the source's WAL flag in its header; a node opening it read-only
        // would then need -wal and -shm files. Rollback-journal mode needs none.
        do {
            var config = Configuration()
            config.journalMode = .default
            let queue = try DatabaseQueue(path: target, configuration: config)
            try queue.writeWithoutTransaction { db in
                let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE")
                guard mode?.lowercased() == "delete" else {
                    throw StoreError(kind: .snapshot, message: "无法把快照切换为回滚日志模式（journal_mode=\(mode ?? "?")）", path: target)
                }
            }
            try queue.close()
        } catch {
            throw StoreError(kind: .snapshot, message: "无法设置快照的日志模式：\(StoreError.wrap(error).message)", path: target)
        }
        for suffix in ["-wal", "-shm", "-journal"] where FileManager.default.fileExists(atPath: target + suffix) {
            throw StoreError(kind: .snapshot, message: "快照旁留有 \(suffix) 文件，快照不是自包含的", path: target + suffix)
        }
        // Nothing should ever write a snapshot again.
        chmod(target, 0o444)
        return target
    }

    /// Opens the copy as a node would (immutable) and runs `PRAGMA integrity_check`.
    public static func openChecked(_ path: String) throws(StoreError) -> GongshiDatabase {
        let database = try GongshiDatabase(path: path, immutable: true)
        if let problems = try database.integrityProblems() {
            throw StoreError(kind: .snapshot, message: "快照完整性检查未通过：\(problems)", path: path)
        }
        return database
    }

    static func prepareEmptyDirectory(_ directory: String) throws(StoreError) {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw StoreError(kind: .snapshot, message: "输出位置已存在且不是目录", path: directory)
            }
            guard (try? manager.contentsOfDirectory(atPath: directory))?.isEmpty == true else {
                throw StoreError(kind: .snapshot, message: "输出目录不为空：每个快照写入一个新目录，已有的快照不会被覆盖", path: directory)
            }
        } else {
            do { try manager.createDirectory(atPath: directory, withIntermediateDirectories: true) } catch {
                throw StoreError(kind: .snapshot, message: "无法创建输出目录：\(error.localizedDescription)", path: directory)
            }
        }
    }

    /// fsync of a directory, so a rename in it survives a crash.
    static func syncDirectory(_ directory: String) {
        let fd = open(directory, O_RDONLY)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    /// UTC ISO 8601 time for the manifest.
    public static func timestamp(_ date: Date = Date()) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
