import Foundation
import GRDB

extension Desk {
    /// Checks a password and opens a new session with a fresh random id (never one the
    /// client brought: no session fixation). `replacing` is the caller's old session id,
    /// which ends here. Failures count per account and per address; past the policy's
    /// limits the login is refused without checking the password.
    public func login(name: String, password: String, address: String, replacing old: String? = nil) throws(DeskError) -> DeskSession {
        let name = String(name.prefix(64))
        let since = now.timeIntervalSince1970 - policy.failureWindow
        let (accountFailures, addressFailures): (Int, Int) = try read { db in
            (
                try Int.fetchOne(db, sql: "SELECT count(*) FROM attempt WHERE kind = 'login-account' AND key = ? AND at > ?", arguments: [name, since]) ?? 0,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM attempt WHERE kind = 'login-address' AND key = ? AND at > ?", arguments: [address, since]) ?? 0
            )
        }
        if accountFailures >= policy.accountFailures || addressFailures >= policy.addressFailures {
            try write { db in try audit(db, actor: name, action: "login_throttled", target: "address:\(address)") }
            throw DeskError(.throttled, "登录失败次数过多，请 \(Int(policy.failureWindow / 60)) 分钟后再试")
        }
        let row = try read { db in
            try Row.fetchOne(db, sql: "SELECT id, name, role, disabled, password_hash FROM account WHERE name = ?", arguments: [name])
        }
        // Hash even for an unknown name, so timing does not tell which names exist.
        let hash: String = row?["password_hash"] ?? Self.dummyHash
        let matches = PasswordHasher.verify(password, hash: hash)
        guard let row, matches, let account = Self.account(row), !account.disabled else {
            try write { db in
                let at = now.timeIntervalSince1970
                // Old attempts no longer count: drop them, so the table stays small.
                try db.execute(sql: "DELETE FROM attempt WHERE kind LIKE 'login-%' AND at < ?", arguments: [at - policy.failureWindow])
                try db.execute(
                    sql: "INSERT INTO attempt (kind, key, at) VALUES ('login-account', ?, ?), ('login-address', ?, ?)",
                    arguments: [name, at, address, at])
                try audit(db, actor: name, action: "login_failed", target: "address:\(address)")
            }
            throw DeskError(.unauthenticated, "用户名或密码错误，或账号已停用")
        }
        let session = DeskSession(id: Self.randomToken(), csrf: Self.randomToken(), account: account, createdAt: now, lastSeen: now)
        try write { db in
            if let old { try db.execute(sql: "DELETE FROM session WHERE id = ?", arguments: [old]) }
            try db.execute(sql: "DELETE FROM attempt WHERE kind = 'login-account' AND key = ?", arguments: [name])
            try db.execute(sql: "DELETE FROM session WHERE last_seen < ?", arguments: [now.timeIntervalSince1970 - policy.absoluteTimeout])
            try db.execute(
                sql: "INSERT INTO session (id, account_id, csrf, created_at, last_seen) VALUES (?, ?, ?, ?, ?)",
                arguments: [session.id, account.id, session.csrf, now.timeIntervalSince1970, now.timeIntervalSince1970])
            try audit(db, actor: account.name, action: "login", target: "address:\(address)")
        }
        return session
    }

    /// The live session with this id, or nil (unknown, idle too long, too old, account
    /// disabled). Using it moves its idle deadline.
    public func session(id: String) throws(DeskError) -> DeskSession? {
        guard id.utf8.count == 64, id.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }) else { return nil }
        let t = now.timeIntervalSince1970
        return try write { db -> DeskSession? in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT s.id AS sid, s.csrf, s.created_at, s.last_seen, a.id, a.name, a.role, a.disabled
                        FROM session s JOIN account a ON a.id = s.account_id WHERE s.id = ?
                        """, arguments: [id]), let account = Self.account(row)
            else { return nil }
            let created: Double = row["created_at"]
            let seen: Double = row["last_seen"]
            if account.disabled || t - seen > policy.idleTimeout || t - created > policy.absoluteTimeout {
                try db.execute(sql: "DELETE FROM session WHERE id = ?", arguments: [id])
                return nil
            }
            // At most one write a minute per session for the idle clock.
            if t - seen > 60 { try db.execute(sql: "UPDATE session SET last_seen = ? WHERE id = ?", arguments: [t, id]) }
            return DeskSession(
                id: id, csrf: row["csrf"], account: account, createdAt: Date(timeIntervalSince1970: created),
                lastSeen: Date(timeIntervalSince1970: t))
        }
    }

    public func logout(_ session: DeskSession) throws(DeskError) {
        try write { db in
            try db.execute(sql: "DELETE FROM session WHERE id = ?", arguments: [session.id])
            try audit(db, actor: session.account.name, action: "logout")
        }
    }

    /// Counts an attempt of `kind` from `key` and refuses past `limit` within `window`.
    func throttle(_ db: Database, kind: String, key: String, limit: Int, window: TimeInterval) throws {
        let t = now.timeIntervalSince1970
        let count =
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM attempt WHERE kind = ? AND key = ? AND at > ?",
                arguments: [kind, key, t - window]) ?? 0
        guard count < limit else { throw DeskError(.throttled, "提交过于频繁，请稍后再试") }
        try db.execute(sql: "DELETE FROM attempt WHERE kind = ? AND at < ?", arguments: [kind, t - window])
        try db.execute(sql: "INSERT INTO attempt (kind, key, at) VALUES (?, ?, ?)", arguments: [kind, key, t])
    }

    /// A yescrypt hash of a random password, checked against for unknown names.
    static let dummyHash = (try? PasswordHasher.hash(randomToken())) ?? "$y$j9T$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
}
