import Foundation
import GRDB
import GongshiBenchmarks
import GongshiStore
import GongshiTestSupport
import Testing

@Suite struct ReferenceIndexTests {
    /// The benchmark's yardstick copies every search row's text into a trigram index that
    /// finds substrings of it (and nothing that is not there).
    @Test func trigramReferenceHoldsTheSearchTextOfEveryRow() throws {
        let t = try TestCorpus()
        try t.write("policies/test-ban-fa.md", TestCorpus.policy)
        try t.write("orgs/orgs.csv", TestCorpus.orgsCSV)
        _ = try t.index()
        let searchRows = try t.count("doc_search") + t.count("record_search")
        #expect(searchRows > 0)

        let path = t.root.appendingPathComponent("reference.sqlite").path
        let figures = try ReferenceIndex.trigram(copying: t.databasePath, into: path)
        #expect(figures.rows == searchRows)
        #expect(figures.textBytes > 0)
        #expect(figures.databaseBytes > 0)
        #expect(figures.seconds >= 0)

        let reference = try DatabaseQueue(path: path)
        let (hits, misses) = try reference.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT count(*) FROM reference WHERE reference MATCH ?", arguments: ["\"按照章程开展\""]) ?? 0,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM reference WHERE reference MATCH ?", arguments: ["\"章程按照开展\""]) ?? 0
            )
        }
        #expect(hits >= 1)
        #expect(misses == 0)
    }
}
