import Foundation
import GRDB

extension Desk {
    /// Letters, digits, Han characters, `_`, `.`, `-`; 1 to 32 characters.
    public static func isValidAccountName(_ name: String) -> Bool {
        (1...32).contains(name.count)
            && name.unicodeScalars.allSatisfy { s in
                (s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s) || "_.-".unicodeScalars.contains(s)))
                    || (0x4E00...0x9FFF).contains(s.value)
            }
    }

    /// Creates an account (from the CLI: `gongshi user add`).
    @discardableResult
    public func addAccount(name: String, role: Account.Role, password: String, actor: String = "cli") throws(DeskError) -> Account {
        guard Self.isValidAccountName(name) else {
            throw DeskError(.invalid, "用户名只能包含字母、数字、汉字、下划线、点和连字符，最多 32 个字符")
        }
        if let problem = PasswordHasher.problem(password) { throw DeskError(.invalid, problem) }
        let hash = try PasswordHasher.hash(password)
        return try write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM account WHERE name = ?", arguments: [name]) == true {
                throw DeskError(.invalid, "用户已存在：\(name)")
            }
            try db.execute(
                sql: "INSERT INTO account (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)",
                arguments: [name, role.rawValue, hash, now.timeIntervalSince1970])
            let account = Account(id: db.lastInsertedRowID, name: name, role: role, disabled: false)
            try audit(db, actor: actor, action: "user_add", target: "account:\(name)", after: Self.json(["role": role.rawValue]))
            return account
        }
    }

    /// Disables an account and ends its sessions; the account and its history stay.
    public func disableAccount(name: String, actor: String = "cli") throws(DeskError) {
        try write { db in
            let id = try Self.accountID(name, db)
            try db.execute(sql: "UPDATE account SET disabled = 1 WHERE id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM session WHERE account_id = ?", arguments: [id])
            try audit(
                db, actor: actor, action: "user_disable", target: "account:\(name)",
                before: Self.json(["disabled": "false"]), after: Self.json(["disabled": "true"]))
        }
    }

    /// Sets a new password (an operator's reset for a forgotten one, from `gongshi user passwd`): ends the
    /// account's sessions, so a password that leaked stops working everywhere, and lifts the account's
    /// failed-login lock.
    public func setPassword(name: String, password: String, actor: String = "cli") throws(DeskError) {
        if let problem = PasswordHasher.problem(password) { throw DeskError(.invalid, problem) }
        let hash = try PasswordHasher.hash(password)
        try write { db in
            let id = try Self.accountID(name, db)
            try db.execute(sql: "UPDATE account SET password_hash = ? WHERE id = ?", arguments: [hash, id])
            try db.execute(sql: "DELETE FROM session WHERE account_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM attempt WHERE kind = 'login-account' AND key = ?", arguments: [name])
            try audit(db, actor: actor, action: "user_passwd", target: "account:\(name)")
        }
    }

    /// Enables a disabled account again (its history was kept); it logs in with its last password.
    public func enableAccount(name: String, actor: String = "cli") throws(DeskError) {
        try write { db in
            let id = try Self.accountID(name, db)
            try db.execute(sql: "UPDATE account SET disabled = 0 WHERE id = ?", arguments: [id])
            try audit(
                db, actor: actor, action: "user_enable", target: "account:\(name)",
                before: Self.json(["disabled": "true"]), after: Self.json(["disabled": "false"]))
        }
    }

    /// The id of the account named `name`, or a not-found error naming it.
    static func accountID(_ name: String, _ db: GRDB.Database) throws -> Int64 {
        guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM account WHERE name = ?", arguments: [name]) else {
            throw DeskError(.notFound, "没有该用户：\(name)")
        }
        return id
    }

    public func accounts() throws(DeskError) -> [Account] {
        try read { db in try Row.fetchAll(db, sql: "SELECT id, name, role, disabled FROM account ORDER BY name").compactMap(Self.account) }
    }

    /// Whether an enabled admin exists (the server tells its operator how to create one if not).
    public func hasAdmin() throws(DeskError) -> Bool {
        try read { db in try Bool.fetchOne(db, sql: "SELECT 1 FROM account WHERE role = 'admin' AND disabled = 0 LIMIT 1") ?? false }
    }

    /// The stored hash of an account (for tests and `user` checks).
    public func passwordHash(name: String) throws(DeskError) -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT password_hash FROM account WHERE name = ?", arguments: [name]) }
    }

    static func account(_ row: Row) -> Account? {
        guard let role = Account.Role(rawValue: row["role"] ?? "") else { return nil }
        return Account(id: row["id"], name: row["name"], role: role, disabled: (row["disabled"] as Int? ?? 0) != 0)
    }
}
