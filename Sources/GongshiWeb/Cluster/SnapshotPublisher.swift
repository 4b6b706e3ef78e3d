import Foundation
import GongshiDisclosure
import GongshiSearch
import GongshiStore

/// `gongshi snapshot` and `gongshi serve --snapshot`, as library code the tests call:
/// publishing a snapshot directory, and opening one only after its manifest and every
/// file's SHA-256 check out.
public enum SnapshotPublisher {
    /// The steps of `publish`, in order; the manifest is always the last file written.
    public enum Step: String, Sendable, CaseIterable {
        case copy = "复制（检查点 + VACUUM INTO，回滚日志模式）"
        case integrity = "完整性检查（PRAGMA integrity_check）"
        case searches = "检索验证（真实检索引擎）"
        case exports = "CSV 导出"
        case hashes = "计算 SHA-256"
        case manifest = "写入清单"
    }

    /// Copies the index at `databasePath` into the new directory `directory`, checks the
    /// copy, writes the CSV exports and hashes, and writes `manifest.json` last. On any
    /// failure no manifest is written, so the directory is never served.
    /// `step` is told when each step begins.
    public static func publish(
        databasePath: String, into directory: String, now: Date = Date(),
        step: (Step) -> Void = { _ in }
    ) throws -> SnapshotManifest {
        guard FileManager.default.fileExists(atPath: databasePath) else {
            throw StoreError(kind: .open, message: "索引数据库不存在，请先运行 gongshi index", path: databasePath)
        }
        step(.copy)
        let source = try GongshiDatabase(path: databasePath)
        let copyPath = try SnapshotBuilder.copyDatabase(source, into: directory)
        step(.integrity)
        let snapshot = try SnapshotBuilder.openChecked(copyPath)
        let generation = try snapshot.currentGeneration()
        let counts = try snapshot.snapshotCounts()
        step(.searches)
        try checkSearches(snapshot, counts: counts)
        step(.exports)
        let exports = try BulkExport.writeAll(from: snapshot, into: directory)
        step(.hashes)
        var files: [SnapshotManifest.File] = []
        let database = try FileDigest.sha256(path: copyPath)
        files.append(.init(name: SnapshotManifest.databaseFileName, bytes: database.bytes, sha256: database.hex))
        for export in exports {
            let digest = try FileDigest.sha256(path: export.path)
            files.append(.init(name: export.kind.fileName, bytes: digest.bytes, sha256: digest.hex, rows: export.rows))
        }
        step(.manifest)
        let manifest = SnapshotManifest(generation: generation, created: SnapshotBuilder.timestamp(now), counts: counts, files: files)
        try manifest.write(to: directory)
        return manifest
    }

    /// A few searches through the real engines on the copy, as a node would answer them:
    /// an organization's code goes straight to it, its profile and name completion answer,
    /// and a policy title finds documents.
    static func checkSearches(_ database: GongshiDatabase, counts: SnapshotManifest.Counts) throws {
        let search = try SearchEngine(database: database)
        let directory = try OrganizationDirectory(database: database)
        func fail(_ why: String) -> WebError { WebError("检索验证未通过：\(why)", path: database.path) }
        if counts.organizations > 0 {
            guard let code = try database.organizationSample().code else { throw fail("读不到社会组织") }
            guard let profile = try directory.profile(code: code) else { throw fail("组织 \(code) 的详情页查不到") }
            let byCode = try search.search(SearchRequest(query: code, limit: 5))
            guard byCode.results.first?.id == code else { throw fail("按统一社会信用代码 \(code) 检索，第一条结果不是该组织") }
            let prefix = String(profile.name.prefix(4))
            guard !(try directory.suggest(prefix: prefix)).isEmpty else { throw fail("名称联想“\(prefix)”没有结果") }
        }
        if counts.policies > 0 {
            let list = try PolicyCatalog(database: database).list(PolicyFilter(), page: 1, pageSize: 1)
            guard let title = list.items.first?.title else { throw fail("读不到政策法规") }
            guard try search.search(SearchRequest(query: title, limit: 5)).total > 0 else { throw fail("检索标题“\(title)”没有结果") }
        }
    }

    /// What `serve --snapshot` opens: the manifest is read and every file's size and
    /// SHA-256 checked before the database is opened, immutable (no locks, no journal).
    /// `hashes: false` skips the SHA-256 of each file (sizes are still checked).
    public static func openVerified(directory: String, hashes: Bool = true) throws -> (database: GongshiDatabase, snapshot: PublishedSnapshot) {
        let manifest = try SnapshotManifest.verify(directory: directory, hashes: hashes)
        let snapshot = PublishedSnapshot(directory: directory, manifest: manifest)
        let database = try GongshiDatabase(path: snapshot.databasePath, immutable: true)
        let generation = try database.currentGeneration()
        guard generation == manifest.generation else {
            throw StoreError(kind: .snapshot, message: "数据库的索引版本 \(generation) 与清单记录的 \(manifest.generation) 不符", path: snapshot.databasePath)
        }
        return (database, snapshot)
    }
}
