import Foundation
import GRDB

extension GongshiDatabase {
    /// Record counts for a snapshot's manifest and `/healthz`.
    public func snapshotCounts() throws(StoreError) -> SnapshotManifest.Counts {
        try read { db in
            func count(_ table: String) throws -> Int { try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0 }
            return SnapshotManifest.Counts(
                organizations: try count("org"), creditRecords: try count("credit_record"),
                notices: try count("notice"), policies: try count("document"), articles: try count("unit"))
        }
    }

    /// The current index generation.
    public func currentGeneration() throws(StoreError) -> Int64 {
        try read { try $0.indexGeneration() }
    }

    /// `PRAGMA integrity_check`: nil when it reports "ok", else its first lines.
    public func integrityProblems() throws(StoreError) -> String? {
        try read { db in
            let lines = try String.fetchAll(db, sql: "PRAGMA integrity_check(20)")
            return lines == ["ok"] ? nil : lines.joined(separator: "; ")
        }
    }
}
