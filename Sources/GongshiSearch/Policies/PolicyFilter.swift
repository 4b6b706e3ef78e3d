import GRDB

/// Filters of the policy catalogue; every value is bound, never spliced into SQL.
public struct PolicyFilter: Sendable, Equatable {
    public var level: String?
    public var issuer: String?
    public var status: String?
    /// Year of promulgation, e.g. "2016".
    public var year: String?
    /// `regulation` or `policy`.
    public var kind: String?

    public init(level: String? = nil, issuer: String? = nil, status: String? = nil, year: String? = nil, kind: String? = nil) {
        self.level = level
        self.issuer = issuer
        self.status = status
        self.year = year
        self.kind = kind
    }

    /// Facet name → SQL expression over `document d`.
    static let facetColumns: [(String, String)] = [
        ("level", "d.level"), ("issuer", "d.issuer"), ("status", "d.status"), ("year", "substr(d.promulgated, 1, 4)"),
    ]

    func sql() -> (String, StatementArguments) {
        var clauses: [String] = []
        var arguments: StatementArguments = []
        func add(_ clause: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            clauses.append(clause)
            arguments += [value]
        }
        add("d.level = ?", level)
        add("d.issuer = ?", issuer)
        add("d.status = ?", status)
        add("substr(d.promulgated, 1, 4) = ?", year)
        add("d.kind = ?", kind)
        return (clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND "), arguments)
    }
}
