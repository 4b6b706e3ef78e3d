/// The two full-text indexes. Documents (regulations, policies and their articles) are
/// few and always ranked in full; records (organizations, credit records, notices) can
/// number millions, so a query that matches too many of them is ranked over a bounded
/// window (see SearchEngine).
public enum SearchTable: String, CaseIterable, Sendable {
    case documents = "doc_search"
    case records = "record_search"

    public init(kind: String) {
        self = ["policy", "article", "section"].contains(kind) ? .documents : .records
    }

    /// The entry kinds stored in this table.
    public var kinds: [String] {
        switch self {
        case .documents: return ["policy", "article", "section"]
        case .records: return ["org", "credit", "notice"]
        }
    }
}
