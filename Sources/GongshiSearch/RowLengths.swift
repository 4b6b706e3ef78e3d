import CChineseTokenizer
import Foundation
import GRDB
import GongshiStore

/// Each row's length in tokens for one search table, by rowid, read from FTS5's
/// `%_docsize` once per index generation and handed to gongshi_rank (phrase_rank.c):
/// without it, ranking looks up every matching row's size in a B-tree, about half of
/// ranking a common word.
final class RowLengths: @unchecked Sendable {
    /// Immutable after init; freed with the object.
    private let storage: UnsafeMutableBufferPointer<Int32>
    private let header: UnsafeMutablePointer<GongshiRowLengths>

    /// Nil when the table has no rows or its rowids are too sparse for an array.
    convenience init?(table: SearchTable, db: Database) throws {
        let name = table.rawValue + "_docsize"
        guard let bounds = try Row.fetchOne(db, sql: "SELECT count(*), max(id) FROM \(name)"), let last = bounds[1] as Int64? else { return nil }
        let count: Int64 = bounds[0]
        guard RowLengths.areDense(count: count, last: last) else { return nil }
        var lengths = [Int32](repeating: -1, count: Int(last) + 1)
        let cursor = try Row.fetchCursor(db, sql: "SELECT id, sz FROM \(name)")
        while let row = try cursor.next() {
            let id: Int64 = row[0]
            guard id >= 0, id <= last, let size = row.dataNoCopy(atIndex: 1) else { continue }
            lengths[Int(id)] = RowLengths.total(size)
        }
        self.init(lengths: lengths)
    }

    /// Whether `count` rowids up to `last` are dense enough to be kept in an array indexed by
    /// rowid (at most ~4 slots per row, plus a fixed allowance), rather than a dictionary.
    static func areDense(count: Int64, last: Int64) -> Bool {
        last >= 0 && last < 4 * count + 1_000_000
    }

    /// `lengths[rowid]`: the row's tokens, negative when unknown.
    init(lengths: [Int32]) {
        storage = .allocate(capacity: max(lengths.count, 1))
        _ = storage.initialize(from: lengths)
        header = .allocate(capacity: 1)
        header.initialize(to: GongshiRowLengths(lengths: UnsafePointer(storage.baseAddress), count: Int64(lengths.count)))
    }

    deinit {
        storage.deallocate()
        header.deallocate()
    }

    /// The sum of a `%_docsize` blob's per-column token counts (SQLite varints; FTS5's
    /// xColumnSize(-1) sums the indexed columns, and an UNINDEXED column's count is 0).
    static func total(_ blob: Data) -> Int32 {
        var sum: Int64 = 0
        var value: Int64 = 0
        var bytes = 0
        for byte in blob {
            bytes += 1
            if bytes == 9 {
                value = (value << 8) | Int64(byte)
            } else {
                value = (value << 7) | Int64(byte & 0x7f)
                if byte & 0x80 != 0 { continue }
            }
            sum += value
            value = 0
            bytes = 0
        }
        return Int32(clamping: sum)
    }

    /// Binds the lengths to parameter `index` of a prepared statement, for a gongshi_rank
    /// call of that statement; keep this object alive while the statement runs.
    func bind(to statement: Statement, index: Int32) {
        _ = gongshi_bind_row_lengths(UnsafeMutableRawPointer(statement.sqliteStatement), index, header)
    }
}
