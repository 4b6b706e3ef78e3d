/// What a generator run wrote.
public struct GenerationSummary: Sendable {
    public var organizations = 0
    public var creditRecords = 0
    public var notices = 0
    /// Paths relative to the corpus root, `orgs/orgs-0001.csv` first.
    public var files: [String] = []

    public init(organizations: Int = 0, creditRecords: Int = 0, notices: Int = 0, files: [String] = []) {
        self.organizations = organizations
        self.creditRecords = creditRecords
        self.notices = notices
        self.files = files
    }
}
