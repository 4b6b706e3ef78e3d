import GRDB
import GongshiStore

/// Facet filters of a search (the kind filter is `SearchRequest.kind`). Document filters
/// apply to policies and their articles, organization filters to organizations; a
/// filter of the other family excludes a table's rows entirely.
public struct SearchFilters: Sendable, Hashable {
    public var level: String?
    public var issuer: String?
    public var status: String?
    public var year: String?
    public var orgType: String?
    public var orgStatus: String?
    public var grade: String?

    public init(
        level: String? = nil, issuer: String? = nil, status: String? = nil, year: String? = nil,
        orgType: String? = nil, orgStatus: String? = nil, grade: String? = nil
    ) {
        self.level = level
        self.issuer = issuer
        self.status = status
        self.year = year
        self.orgType = orgType
        self.orgStatus = orgStatus
        self.grade = grade
    }

    var documentValues: [(String, String)] {
        [("d.level", level), ("d.issuer", issuer), ("d.status", status), ("substr(d.promulgated, 1, 4)", year)]
            .compactMap { column, value in value.flatMap { $0.isEmpty ? nil : (column, $0) } }
    }

    var organizationValues: [(String, String)] {
        [("o.type", orgType), ("o.status", orgStatus), ("o.grade", grade)]
            .compactMap { column, value in value.flatMap { $0.isEmpty ? nil : (column, $0) } }
    }

    public var isEmpty: Bool { documentValues.isEmpty && organizationValues.isEmpty }

    /// A condition on the FTS row (`<table>.rowid`) for one table, with its arguments.
    func sql(for table: SearchTable) -> (String, StatementArguments) {
        guard !isEmpty else { return ("", []) }
        let name = table.rawValue
        switch table {
        case .documents:
            guard organizationValues.isEmpty else { return (" AND 0", []) }
            let values = documentValues
            return (
                " AND EXISTS (SELECT 1 FROM entry e JOIN document d ON d.id = CASE WHEN e.kind = 'policy' THEN e.ref "
                    + "ELSE (SELECT u.document_id FROM unit u WHERE u.id = e.ref) END WHERE e.id = \(name).rowid AND "
                    + values.map { "\($0.0) = ?" }.joined(separator: " AND ") + ")",
                StatementArguments(values.map(\.1))
            )
        case .records:
            guard documentValues.isEmpty else { return (" AND 0", []) }
            let values = organizationValues
            return (
                " AND EXISTS (SELECT 1 FROM entry e JOIN org o ON o.code = e.ref WHERE e.id = \(name).rowid AND e.kind = 'org' AND "
                    + values.map { "\($0.0) = ?" }.joined(separator: " AND ") + ")",
                StatementArguments(values.map(\.1))
            )
        }
    }
}
