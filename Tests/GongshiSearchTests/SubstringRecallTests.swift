import Foundation
import GRDB
import GongshiSearch
import GongshiStore
import Testing

/// Every Chinese substring query finds every indexed row that contains it: the
/// character tokens beside ICU's dictionary words guarantee it. Checked for every
/// 1–6 character run of Han text in the bundled policies and regulations.
@Suite struct SubstringRecallTests {
    @Test func everyHanRunOfOneToSixCharactersFindsEveryRowContainingIt() throws {
        let engine = try SearchFixture.engine()
        let rows = try engine.database.read { db in
            try Row.fetchAll(db, sql: "SELECT rowid, title, label, body, tags FROM doc_search")
                .map { row -> (Int64, String) in
                    (row["rowid"], [row["title"], row["label"], row["body"], row["tags"]].compactMap { $0 as String? }.joined(separator: "\n"))
                }
        }
        #expect(rows.count > 700)
        // Expected: substring -> rows containing it, from the raw text.
        var expected: [String: Set<Int64>] = [:]
        for (rowid, text) in rows {
            let chars = Array(text)
            var i = 0
            while i < chars.count {
                guard isHan(chars[i]) else {
                    i += 1
                    continue
                }
                var j = i
                while j < chars.count, isHan(chars[j]) { j += 1 }
                for start in i..<j {
                    for length in 1...6 where start + length <= j {
                        expected[String(chars[start..<(start + length)]), default: []].insert(rowid)
                    }
                }
                i = j
            }
        }
        print("substring recall: \(expected.count) distinct runs")
        #expect(expected.count > 100_000)
        var failures: [String] = []
        try engine.database.read { db in
            let statement = try db.makeStatement(sql: "SELECT rowid FROM doc_search WHERE doc_search MATCH ?")
            for (run, rowids) in expected {
                let found = Set(try Int64.fetchAll(statement, arguments: ["\"\(run)\""]))
                if !rowids.isSubset(of: found) { failures.append(run) }
                if failures.count > 20 { break }
            }
        }
        #expect(failures.isEmpty, "runs not found everywhere: \(failures.prefix(20))")
    }

    func isHan(_ c: Character) -> Bool {
        c.unicodeScalars.count == 1 && c.unicodeScalars.first!.properties.isIdeographic
    }
}
