import CChineseTokenizer
import Foundation
import GRDB

/// The index database: one SQLite file in WAL mode, so readers keep reading the last
/// committed index while an `index` run writes the next one.
public final class GongshiDatabase: Sendable {
    public let path: String
    public let pool: DatabasePool

    static let mmapBytes = 2 << 30

    /// Opens (and, unless read-only, creates and migrates) the database at `path`.
    /// `immutable` (read-only media): opened as SQLite's `immutable=1` URI, which takes no
    /// locks and creates no `-wal`/`-shm` files; the file must then not change while open.
    public init(path: String, readOnly: Bool = false, immutable: Bool = false) throws(StoreError) {
        let readOnly = readOnly || immutable
        if immutable {
            // SQLite's URI filenames (Debian builds it with SQLITE_USE_URI); the path is
            // percent-encoded so that `?` or `#` in it stay part of the name.
            let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
            let allowed = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "?#%"))
            self.path = "file:" + (absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute) + "?immutable=1"
        } else {
            self.path = path
        }
        var config = Configuration()
        config.readonly = readOnly
        config.foreignKeysEnabled = true
        config.prepareDatabase { db in
            let connection = UnsafeMutableRawPointer(db.sqliteConnection)
            var rc = gongshi_register_fts5_tokenizer(connection)
            if rc == 0 { rc = gongshi_register_fts5_rank(connection) }
            guard rc == 0 else {  // SQLITE_OK
                throw StoreError(kind: .tokenizer, message: "could not register the gongshi FTS5 tokenizer or ranking function (SQLite code \(rc))", path: path)
            }
            // Memory-mapped reads: FTS5 walks many index pages per query, and copying each
            // out of the OS cache (2 MB page cache by default) cost more than the search.
            try db.execute(sql: "PRAGMA mmap_size = \(GongshiDatabase.mmapBytes)")
            try db.execute(sql: "PRAGMA cache_size = -32768")
        }
        if !readOnly {
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty {
                try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
        } else if !FileManager.default.fileExists(atPath: path) {
            throw StoreError(kind: .open, message: "索引数据库不存在，请先运行 gongshi index", path: path)
        }
        do {
            pool = try DatabasePool(path: self.path, configuration: config)
            if !readOnly { try Schema.migrator.migrate(pool) }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(kind: .open, message: "\(error)", path: path)
        }
    }

    /// Runs `body` in one write transaction: all or nothing.
    public func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try pool.write(body) } catch { throw StoreError.wrap(error, path: path) }
    }

    /// Moves the WAL into the database file, so its size on disk is the index's size.
    public func checkpoint() throws(StoreError) {
        do { _ = try pool.writeWithoutTransaction { try $0.checkpoint(.truncate) } } catch { throw StoreError.wrap(error, path: path) }
    }

    /// `checkpoint()` that waits for readers (a running server's) to let go of the WAL:
    /// TRUNCATE needs a moment with no reader in it, so it is retried for up to `seconds`.
    public func checkpointTruncating(seconds: Double = 10) throws(StoreError) {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            do {
                let done: Bool = try pool.writeWithoutTransaction { db in
                    let row = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)")
                    return (row?[0] as Int?) == 0  // busy = 0: every frame copied and the WAL truncated
                }
                if done { return }
            } catch {
                if Date() >= deadline { throw StoreError.wrap(error, path: path) }
            }
            if Date() >= deadline { throw StoreError(kind: .query, message: "读者一直占用 WAL，未能截断", path: path) }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    /// Number of organizations, and one of their codes (for benchmarks and smoke tests).
    public func organizationSample() throws(StoreError) -> (count: Int, code: String?) {
        try read { db in
            (
                try Int.fetchOne(db, sql: "SELECT count(*) FROM org") ?? 0,
                try String.fetchOne(db, sql: "SELECT code FROM org ORDER BY rowid LIMIT 1")
            )
        }
    }

    public func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try snapshotRead(body) } catch { throw StoreError.wrap(error, path: path) }
    }

    /// `body` in one read transaction on a pooled connection, as `pool.read`: every statement
    /// sees the same committed index while an `index` run commits the next one. BEGIN and
    /// COMMIT are prepared once per connection (GRDB's `read` builds and prepares both from
    /// text on every call, about 1 % of an uncached search's CPU). Errors pass as thrown.
    public func snapshotRead<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.unsafeRead { db in
            // Never read on in a transaction a failed rollback left open: it would keep
            // answering from that old snapshot.
            if db.isInsideTransaction { try db.cachedStatement(sql: "ROLLBACK").execute() }
            try db.cachedStatement(sql: "BEGIN DEFERRED TRANSACTION").execute()
            do {
                let value = try body(db)
                try db.cachedStatement(sql: "COMMIT").execute()
                return value
            } catch {
                if db.isInsideTransaction { try? db.cachedStatement(sql: "ROLLBACK").execute() }
                throw error
            }
        }
    }
}

extension StoreError {
    /// Converts whatever a GRDB closure threw into the store's error type.
    public static func wrap(_ error: any Error, path: String? = nil) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? DatabaseError {
            return StoreError(kind: .query, message: error.message ?? "\(error.resultCode)", sql: error.sql, path: path)
        }
        return StoreError(kind: .query, message: "\(error)", path: path)
    }
}
