import Foundation

/// Writes fictional but realistic organizations, credit records and disclosure notices
/// in the corpus CSV formats (docs/corpus-formats.md, English header keys) to `orgs/`,
/// `credit/` and `notices/` under a corpus directory.
///
/// Deterministic: the same seed and size give byte-identical files (SplitMix64, no
/// clock, no system randomness). Streaming: organizations are made one at a time and
/// rows go straight to files of at most `rowsPerFile` rows, so a million organizations
/// need little more memory than a hundred (eight bytes per name for uniqueness, and the
/// open batch notices).
public struct CorpusGenerator: Sendable {
    public let organizations: Int
    public let seed: UInt64
    /// Rows per file before the next numbered file starts.
    public var rowsPerFile = 50_000

    public static let orgsHeader = [
        "code", "name", "type", "authority", "supervisor", "legal_rep", "founded", "capital", "address",
        "scope", "status", "grade", "grade_from", "grade_until", "cert_until", "inspections", "region",
        "center_level", "center_served", "center_staff", "center_area",
    ]
    public static let creditHeader = [
        "code", "name", "list", "reason", "authority", "date", "removed_on", "removal_reason",
        "decision_no", "basis", "result",
    ]
    public static let noticesHeader = ["id", "title", "kind", "issuer", "date", "orgs", "body"]

    public init(organizations: Int, seed: UInt64 = 20161) {
        self.organizations = max(0, organizations)
        self.seed = seed
    }

    public func write(to directory: URL) throws -> GenerationSummary {
        let folders = [("orgs", Self.orgsHeader), ("credit", Self.creditHeader), ("notices", Self.noticesHeader)]
        for (folder, _) in folders {
            let url = directory.appendingPathComponent(folder)
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            try Self.removeOwnedFiles(in: url, prefix: folder)
        }
        func writer(_ index: Int) -> ChunkedCSVWriter {
            ChunkedCSVWriter(
                directory: directory.appendingPathComponent(folders[index].0), prefix: folders[index].0,
                header: folders[index].1, rowsPerFile: rowsPerFile)
        }
        var orgs = writer(0)
        var credit = writer(1)
        var notices = NoticeComposer(writer: writer(2), seed: seed)
        var context = GenerationContext(seed: seed, organizations: organizations)

        for index in 0..<organizations {
            let org = SampleOrganization(index: index, context: &context)
            try orgs.write(org.row)
            for record in org.credit {
                try credit.write(record.row(code: org.code, name: org.name))
            }
            try notices.add(org)
        }
        let organizationRows = orgs.rows
        let creditRows = credit.rows
        let files = try orgs.finish() + credit.finish() + notices.finish()
        return GenerationSummary(organizations: organizationRows, creditRecords: creditRows, notices: notices.count, files: files)
    }

    /// Removes `prefix-NNNN.csv` files, which an earlier, larger run may have left;
    /// other files in the folder are not the generator's and stay.
    static func removeOwnedFiles(in folder: URL, prefix: String) throws {
        let fm = FileManager.default
        for name in try fm.contentsOfDirectory(atPath: folder.path) where name.hasPrefix(prefix + "-") && name.hasSuffix(".csv") {
            let number = name.dropFirst(prefix.count + 1).dropLast(4)
            if !number.isEmpty && number.allSatisfy({ $0.isASCII && $0.isNumber }) {
                try fm.removeItem(at: folder.appendingPathComponent(name))
            }
        }
    }
}
