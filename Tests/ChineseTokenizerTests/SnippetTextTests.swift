import Foundation
import GRDB
import GongshiStore
import GongshiTestSupport
import Testing

/// Snippets made from a row's text (snippet.c) are read from their bytes when the text is
/// valid UTF-8, and as FTS5's output is read otherwise: with invalid bytes (a separator to
/// the tokenizer) or a marker byte in the text, the two must still be the same.
@Suite struct SnippetTextTests {
    @Test func textWithInvalidBytesIsMarkedAsFTS5MarksIt() throws {
        let fixture = try Fts5RegistrationTests.fixture()
        defer { fixture.cleanUp() }
        let tokenizer = try ChineseTokenizer()
        let texts: [[UInt8]] = [
            Array("区民政局".utf8) + [0xFF] + Array("负责民政登记".utf8),
            [0xE6, 0xB0] + Array("民政工作".utf8),
            Array("民政".utf8) + [0xE6],
            Array("民".utf8) + [0x01] + Array("政 民政".utf8),
            Array(String(repeating: "民政局负责社会团体登记。", count: 6).utf8) + [0xED, 0xA0, 0x80] + Array("民政".utf8),
            Array("民政 valid text".utf8),
        ]
        try fixture.queue.write { db in
            for text in texts { try db.execute(sql: "INSERT INTO t(body) VALUES (CAST(? AS TEXT))", arguments: [Data(text)]) }
        }
        var compared = 0
        try fixture.queue.read { db in
            let rowids = try Int64.fetchAll(db, sql: "SELECT rowid FROM t WHERE t MATCH ?", arguments: ["\"民政\""])
            for rowid in rowids {
                let sql = "SELECT snippet(t, 0, char(1), char(2), '…', 24) FROM t WHERE t MATCH ? AND rowid = ?"
                let fts5 = try String.fetchOne(db, sql: sql, arguments: ["\"民政\"", rowid]) ?? ""
                let statement = try db.makeStatement(sql: "SELECT body FROM t WHERE rowid = ?")
                try statement.setArguments([rowid])
                let rows = try Row.fetchCursor(statement)
                #expect(try rows.next() != nil)
                let text = tokenizer.snippet(statement: statement.sqliteStatement, columnCount: 1, column: 0, phrases: ["民政"], tokens: 24)
                #expect(text == MarkedText(fts5Snippet: fts5), "\(rowid)")
                compared += 1
            }
        }
        #expect(compared >= texts.count)
    }
}
