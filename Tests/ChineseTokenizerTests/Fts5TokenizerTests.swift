import CChineseTokenizer
import Foundation
import GRDB
import GongshiStore
import GongshiTestSupport
import Testing

/// The tokenizer inside real SQLite FTS5 tables, in a real database file.
@Suite struct Fts5TokenizerTests {
    func database() throws -> DatabaseQueue {
        let path = Scratch.directory.appendingPathComponent("gongshi-fts5-\(UUID().uuidString).sqlite").path
        var config = Configuration()
        config.prepareDatabase { db in
            #expect(gongshi_register_fts5_tokenizer(UnsafeMutableRawPointer(db.sqliteConnection)) == 0)
            #expect(gongshi_register_fts5_rank(UnsafeMutableRawPointer(db.sqliteConnection)) == 0)
        }
        let queue = try DatabaseQueue(path: path, configuration: config)
        try queue.write { db in
            try db.execute(sql: "CREATE VIRTUAL TABLE t USING fts5(body, tokenize = 'gongshi')")
            for text in ["区民政局负责登记", "进一步加强服务中心建设", "社會團體登記管理條例", "获得AAA等级", "县级以上人民政府"] {
                try db.execute(sql: "INSERT INTO t(body) VALUES (?)", arguments: [text])
            }
        }
        return queue
    }

    func matches(_ query: String, in queue: DatabaseQueue) throws -> [String] {
        try queue.read { db in try String.fetchAll(db, sql: "SELECT body FROM t WHERE t MATCH ? ORDER BY rowid", arguments: [query]) }
    }

    @Test func substringsInsideDictionaryWordsAreFound() throws {
        let queue = try database()
        #expect(try matches("\"民政\"", in: queue) == ["区民政局负责登记", "县级以上人民政府"])
        #expect(try matches("\"一步\"", in: queue) == ["进一步加强服务中心建设"])
    }

    /// A phrase of Han characters is matched through bigram tokens (short doclists) and
    /// still means exactly the substring: across word boundaries, not across punctuation,
    /// highlighted over every character of it.
    @Test func phrasesAreMatchedThroughBigrams() throws {
        let queue = try database()
        try queue.write { db in
            try db.execute(sql: "CREATE VIRTUAL TABLE v USING fts5vocab(t, 'row')")
            try db.execute(sql: "INSERT INTO t(body) VALUES ('民，政'), ('政府信息公开条例')")
        }
        let bigrams = try queue.read { db in
            try String.fetchAll(db, sql: "SELECT term FROM v WHERE term >= char(1) AND term < char(2) ORDER BY term")
        }
        #expect(bigrams.contains("\u{1}民政"))
        #expect(bigrams.contains("\u{1}府信"))  // across the words 政府 and 信息
        #expect(!bigrams.contains("\u{1}民，") && !bigrams.contains("\u{1}民政局"))
        #expect(try matches("\"民政\"", in: queue) == ["区民政局负责登记", "县级以上人民政府"])
        #expect(try matches("\"府信息公\"", in: queue) == ["政府信息公开条例"])
        #expect(try matches("\"信息公开条例\"", in: queue) == ["政府信息公开条例"])
        let marked = try queue.read { db in
            try String.fetchAll(db, sql: "SELECT highlight(t, 0, '[', ']') FROM t WHERE t MATCH ? ORDER BY rowid", arguments: ["\"府信息公\""])
        }
        #expect(marked == ["政[府信息公]开条例"])
    }

    @Test func wholeWordPrefixMatchesOnlyWordStarts() throws {
        let queue = try database()
        // 民政局 is a word starting with 民政; 人民政府 only contains it.
        #expect(try matches("\"\u{E000}民政\" *", in: queue) == ["区民政局负责登记"])
    }

    @Test func traditionalAndFullWidthQueriesFindFoldedText() throws {
        let queue = try database()
        #expect(try matches("\"社会团体\"", in: queue) == ["社會團體登記管理條例"])
        #expect(try matches("\"登記\"", in: queue) == ["区民政局负责登记", "社會團體登記管理條例"])
        #expect(try matches("\"ａａａ\"", in: queue) == ["获得AAA等级"])
    }

    @Test func highlightMarksTheOriginalCharacters() throws {
        let queue = try database()
        let marked = try queue.read { db in
            try String.fetchAll(db, sql: "SELECT highlight(t, 0, '[', ']') FROM t WHERE t MATCH ? ORDER BY rowid", arguments: ["\"团体\""])
        }
        #expect(marked == ["社會[團體]登記管理條例"])
    }

    @Test func rankFunctionWeighsPhrases() throws {
        let queue = try database()
        let scores = try queue.read { db in
            try Double.fetchAll(
                db, sql: "SELECT rank FROM t WHERE t MATCH ? AND rank MATCH ? ORDER BY rowid",
                arguments: ["\"民政\" OR \"\u{E000}民政\" *", "gongshi_rank(1.0, 0.5, 2.0)"])
        }
        // The row with the word 民政局 outranks the row where 民政 is inside 人民政府.
        #expect(scores.count == 2)
        #expect(scores[0] < scores[1])
    }

    @Test func tokenizerArgumentsAreRejected() throws {
        let queue = try database()
        #expect(throws: DatabaseError.self) {
            try queue.write { db in try db.execute(sql: "CREATE VIRTUAL TABLE u USING fts5(body, tokenize = 'gongshi extra')") }
        }
    }
}
