import GRDB
import GRDBSQLite

extension Statement {
    /// Steps the statement (its arguments set) through its rows, handing `row` the
    /// `sqlite3_stmt` to read columns from: a GRDB `Row` cursor costs a row object, a type
    /// check and a conversion per column, a noticeable share of ranking a common word,
    /// whose every match is one row here. Resets the statement when done.
    func forEachRawRow(_ row: (OpaquePointer) throws -> Void) throws {
        let raw = sqliteStatement
        defer { sqlite3_reset(raw) }
        while true {
            let code = sqlite3_step(raw)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else { throw error(code) }
            try row(raw)
        }
    }

    /// Binds `numbers` (nil: NULL) to the first parameters and `text` to the one after,
    /// leaving any others NULL, as `setArguments` would: building `StatementArguments` from
    /// a score's twenty-odd rank arguments was ~2 % of a search.
    func setRawArguments(numbers: [Double?], then text: String) throws {
        let raw = sqliteStatement
        sqlite3_reset(raw)
        sqlite3_clear_bindings(raw)
        var code = SQLITE_OK
        for (i, number) in numbers.enumerated() where code == SQLITE_OK {
            if let number { code = sqlite3_bind_double(raw, Int32(i + 1), number) }
        }
        // SQLITE_TRANSIENT: SQLite copies the text before this returns. The length is given
        // in bytes, as GRDB binds text, so the whole text is bound whatever it holds.
        if code == SQLITE_OK {
            let index = Int32(numbers.count + 1)
            let bytes = Int32(clamping: text.utf8.count)
            code = sqlite3_bind_text(raw, index, text, bytes, unsafeBitCast(-1, to: sqlite3_destructor_type.self))
        }
        guard code == SQLITE_OK else { throw error(code) }
    }

    /// Binds `number` to the first parameter, leaving any others NULL, as
    /// `setArguments([number])` would, without building `StatementArguments` (a snippet's
    /// row look-up, ten per page).
    func setRawArgument(_ number: Int64) throws {
        let raw = sqliteStatement
        sqlite3_reset(raw)
        sqlite3_clear_bindings(raw)
        let code = sqlite3_bind_int64(raw, 1, number)
        guard code == SQLITE_OK else { throw error(code) }
    }

    /// The statement's failure with SQLite's code and message, as GRDB reports its own.
    private func error(_ code: Int32) -> DatabaseError {
        DatabaseError(
            resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(sqliteStatement))), sql: sql)
    }
}
