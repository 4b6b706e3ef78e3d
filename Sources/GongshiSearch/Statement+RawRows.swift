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
            guard code == SQLITE_ROW else {
                throw DatabaseError(
                    resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(raw))), sql: sql)
            }
            try row(raw)
        }
    }
}
