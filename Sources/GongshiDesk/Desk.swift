import CChineseTokenizer
import Foundation
import GRDB

/// The consultation desk: accounts and sessions, consultations with cited replies, the
/// FAQ published from them, and the audit trail, in one SQLite database of its own (WAL,
/// synchronous=FULL: a save acknowledged is on disk). Engines return data; the web layer
/// turns `DeskError` kinds into statuses. Every action that changes something or reads
/// personal data in bulk writes an audit row in the same transaction.
public final class Desk: Sendable {
    /// Limits and timeouts; the defaults are the center's, tests shorten them.
    public struct Policy: Sendable {
        /// A session unused this long ends.
        public var idleTimeout: TimeInterval = 30 * 60
        /// A session ends this long after login, used or not.
        public var absoluteTimeout: TimeInterval = 12 * 3600
        /// Failed logins within `failureWindow` before an account or an address is refused.
        public var accountFailures = 5
        public var addressFailures = 20
        public var failureWindow: TimeInterval = 15 * 60
        /// Public questions per address within `publicWindow`.
        public var publicQuestionsPerAddress = 5
        public var publicWindow: TimeInterval = 3600
        /// Open consultations older than this many working days (Monday–Friday) are overdue.
        public var overdueWorkingDays = 5

        public init() {}
    }

    public static let maxQuestionCharacters = 2_000
    public static let maxReplyCharacters = 20_000
    public static let maxNameCharacters = 100
    public static let maxContactCharacters = 200
    public static let maxTags = 10
    public static let maxTagCharacters = 20
    public static let maxCitations = 30

    public let path: String
    public let policy: Policy
    let pool: DatabasePool
    let clock: @Sendable () -> Date

    /// Opens the desk database at `path`, creating and migrating it when missing.
    public init(path: String, policy: Policy = Policy(), clock: @escaping @Sendable () -> Date = { Date() }) throws(DeskError) {
        self.path = path
        self.policy = policy
        self.clock = clock
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            // The site's Chinese tokenizer, for searching consultations (consultation_search).
            let rc = gongshi_register_fts5_tokenizer(UnsafeMutableRawPointer(db.sqliteConnection))
            guard rc == 0 else { throw DeskError(.store, "无法注册中文分词器（SQLite 错误码 \(rc)）", path: path) }
            // WAL comes with DatabasePool; FULL syncs the WAL at every commit, so an
            // acknowledged save survives a power cut, not only a crash of the process.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty { try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        do {
            pool = try DatabasePool(path: path, configuration: config)
            try DeskSchema.migrator.migrate(pool)
        } catch {
            throw DeskError(.store, "无法打开咨询台数据库：\(error)", path: path)
        }
    }

    /// A consistent copy of the database while it is in use (SQLite's online backup).
    public func backup(to destination: String) throws(DeskError) {
        guard !FileManager.default.fileExists(atPath: destination) else {
            throw DeskError(.invalid, "目标文件已存在，不会覆盖：\(destination)")
        }
        do {
            let target = try DatabaseQueue(path: destination)
            try pool.backup(to: target)
            try target.close()
            try write { db in try audit(db, actor: "cli", action: "backup", target: destination) }
        } catch {
            throw DeskError.wrap(error, path: path)
        }
    }

    // MARK: - Plumbing

    var now: Date { clock() }

    func write<T>(_ body: (Database) throws -> T) throws(DeskError) -> T {
        do { return try pool.write(body) } catch { throw DeskError.wrap(error, path: path) }
    }

    func read<T>(_ body: (Database) throws -> T) throws(DeskError) -> T {
        do { return try pool.read(body) } catch { throw DeskError.wrap(error, path: path) }
    }

    /// Appends one audit row (inside the caller's transaction: the action and its record
    /// commit together or not at all).
    func audit(_ db: Database, actor: String, action: String, target: String = "", before: String? = nil, after: String? = nil) throws {
        try db.execute(
            sql: "INSERT INTO audit (at, actor, action, target, before, after) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [now.timeIntervalSince1970, String(actor.prefix(100)), action, target, before, after])
    }

    /// 32 random bytes from the system generator (getrandom), as hex.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    /// JSON of a few values, for the audit's before/after columns.
    static func json(_ values: [String: String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(values)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
