/// What an index run did, for the CLI summary and for tests.
public struct IndexSummary: Sendable {
    public var filesIndexed = 0
    public var filesSkipped = 0
    public var filesRemoved = 0
    /// Changed files whose previous records were kept (see `Indexer.replaceEmpty`).
    public var filesKept = 0
    /// Records that reference an organization not in the index (reported, not rejected).
    public var orphans: [RowProblem] = []
    public var bytesRead = 0
    /// Records written this run, by kind (document, article, section, org, credit, notice).
    public var written: [String: Int] = [:]
    /// Totals in the index after the run, by kind.
    public var totals: [String: Int] = [:]
    public var problems: [RowProblem] = []
    /// Set-up the operator should fix that rejects nothing (an unset service-center contact).
    public var warnings: [String] = []
    public var seconds: Double = 0

    public var rejected: Int { problems.count }
    public var unitsWritten: Int { written.values.reduce(0, +) }
}
