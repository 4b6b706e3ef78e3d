import Foundation
import GRDB
import GongshiStore

/// `/orgs`: filtered lists with totals and facet counts, and their CSV export.
extension OrganizationDirectory {
    /// A page of organizations matching `filter`, ordered by name, with the total and
    /// the facet counts of the whole filtered set (one GROUP BY pass).
    public func search(filter: OrganizationFilter, page: PageRequest = PageRequest(), today: String = DisclosureDate.today()) throws(DisclosureError)
        -> OrganizationSearchResult
    {
        try filter.validate()
        let query = try read { db in try whereClause(filter, today: today, db: db) }
        let gradeExpr = "CASE WHEN o.grade IS NOT NULL AND o.grade_until >= ? THEN o.grade ELSE 'none' END"
        let key = try indexVersion(today: today) + "|" + Self.cacheKey(filter)
        let cached = facetCache.value[key]
        let (groups, items) = try read { db in
            let groups =
                try cached
                ?? Row.fetchAll(
                    db,
                    sql: """
                        WITH \(CreditStatus.tableSQL)
                        SELECT o.type, o.status, \(gradeExpr) AS g, coalesce(cs.status, 'normal') AS c, o.region, o.authority, count(*) AS n
                        FROM org o LEFT JOIN cs ON cs.org_code = o.code \(query.sql)
                        GROUP BY 1, 2, 3, 4, 5, 6
                        """, arguments: StatementArguments(CreditStatus.arguments(today: today) + [today]) + query.arguments
                ).map { row in
                    FacetRow(values: (0..<6).map { (row[$0] as String?) ?? "" }, count: row["n"])
                }
            let items = try Self.summaries(db, where: query, today: today, limit: page.size, offset: page.offset)
            return (groups, items)
        }
        if cached == nil {
            facetCache.withLock { cache in
                if cache.count >= Self.facetCacheSize { cache.removeAll() }
                cache[key] = groups
            }
        }
        var counts: [[String: Int]] = Array(repeating: [:], count: 6)
        var total = 0
        for row in groups {
            total += row.count
            for i in 0..<6 { counts[i][row.values[i], default: 0] += row.count }
        }
        func facet(_ i: Int, order: [String]? = nil, label: (String) -> String = { $0 }) -> [FacetCount] {
            let known =
                order
                ?? counts[i].keys.sorted {
                    counts[i][$0, default: 0] != counts[i][$1, default: 0] ? counts[i][$0, default: 0] > counts[i][$1, default: 0] : $0 < $1
                }
            return known.compactMap { value in
                guard let n = counts[i][value], n > 0, !value.isEmpty else { return nil }
                return FacetCount(value: value, label: label(value), count: n)
            }
        }
        let facets = OrganizationSearchResult.Facets(
            type: facet(0, order: Organization.types), status: facet(1, order: Organization.statuses),
            grade: facet(2, order: Organization.grades + [OrganizationFilter.noGrade]) { $0 == OrganizationFilter.noGrade ? "无有效等级" : $0 },
            creditStatus: facet(3, order: CreditStatus.allCases.map(\.rawValue)) { CreditStatus(rawValue: $0)?.label ?? $0 },
            region: facet(4), authority: facet(5))
        return OrganizationSearchResult(filter: filter, total: total, page: page.page, pageSize: page.size, items: items, facets: facets)
    }

    /// Up to `limit` (≤ `maxExportRows`) organizations matching `filter`, for CSV export.
    public func exportOrganizations(
        filter: OrganizationFilter, limit: Int = OrganizationDirectory.maxExportRows,
        today: String = DisclosureDate.today()
    ) throws(DisclosureError) -> [OrganizationSummary] {
        try filter.validate()
        let query = try read { db in try whereClause(filter, today: today, db: db) }
        return try read { db in
            try Self.summaries(db, where: query, today: today, limit: min(max(0, limit), Self.maxExportRows), offset: 0)
        }
    }

    static func cacheKey(_ filter: OrganizationFilter) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(filter)).map { String(decoding: $0, as: UTF8.self) } ?? UUID().uuidString
    }

    struct WhereClause {
        var sql = ""
        var arguments = StatementArguments()
    }

    /// The WHERE clause of a filter over `org o LEFT JOIN cs`; every value bound.
    func whereClause(_ filter: OrganizationFilter, today: String, db: Database) throws -> WhereClause {
        var terms: [String] = []
        var values: [(any DatabaseValueConvertible)?] = []
        // A name matches as in the search box: its words in any order (法律服务协会 finds
        // 青浦区法律服务工作者协会), each a substring, synonyms included.
        if let name = filter.name, !name.isEmpty {
            if let expression = try nameExpression(name, db: db) {
                terms.append("o.code IN (\(QueryWords.nameMatchSQL(kind: "org")))")
                values.append(expression)
            } else {
                terms.append("0")
            }
        }
        for (column, value) in [
            ("o.type", filter.type), ("o.status", filter.status), ("o.authority", filter.authority),
            ("o.region", filter.region), ("o.center_level", filter.centerLevel),
        ] {
            if let value, !value.isEmpty {
                terms.append("\(column) = ?")
                values.append(value)
            }
        }
        if let grade = filter.grade {
            if grade == OrganizationFilter.noGrade {
                terms.append("(o.grade IS NULL OR o.grade_until IS NULL OR o.grade_until < ?)")
                values.append(today)
            } else {
                terms.append("o.grade = ? AND o.grade_until >= ?")
                values += [grade, today]
            }
        }
        if let year = filter.foundedYear {
            terms.append("o.founded BETWEEN ? AND ?")
            values += ["\(year)-01-01", "\(year)-12-31"]
        }
        if let credit = filter.creditStatus {
            terms.append("coalesce(cs.status, 'normal') = ?")
            values.append(credit.rawValue)
        }
        return WhereClause(sql: terms.isEmpty ? "" : "WHERE " + terms.joined(separator: " AND "), arguments: StatementArguments(values))
    }

    static func summaries(_ db: Database, where query: WhereClause, today: String, limit: Int, offset: Int) throws -> [OrganizationSummary] {
        // Without a credit-status filter the status is looked up for the page's rows only
        // (an index seek each); joining the grouped credit table costs a pass over every
        // credit record, about 0.4 s at a million organizations.
        let joined = query.sql.contains("cs.")
        let sql =
            joined
            ? """
            WITH \(CreditStatus.tableSQL)
            SELECT o.code, o.name, o.type, o.authority, o.region, o.founded, o.status, o.cert_until, coalesce(cs.status, 'normal') AS credit,
              CASE WHEN o.grade_until >= ? THEN o.grade END AS grade
            FROM org o LEFT JOIN cs ON cs.org_code = o.code \(query.sql)
            ORDER BY o.name, o.code LIMIT ? OFFSET ?
            """
            : """
            SELECT o.code, o.name, o.type, o.authority, o.region, o.founded, o.status, o.cert_until,
              coalesce((SELECT \(CreditStatus.statusSQL) FROM credit_record WHERE org_code = o.code), 'normal') AS credit,
              CASE WHEN o.grade_until >= ? THEN o.grade END AS grade
            FROM org o \(query.sql)
            ORDER BY o.name, o.code LIMIT ? OFFSET ?
            """
        return try Row.fetchAll(
            db, sql: sql, arguments: StatementArguments(CreditStatus.arguments(today: today) + [today]) + query.arguments + [limit, offset]
        ).map { r in
            let credit = CreditStatus(rawValue: r["credit"]) ?? .normal
            let code: String = r["code"]
            let status: String = r["status"]
            let certUntil: String? = r["cert_until"]
            return OrganizationSummary(
                code: code, name: r["name"], type: r["type"], authority: r["authority"], region: r["region"],
                founded: r["founded"], status: status, grade: r["grade"], creditStatus: credit,
                creditStatusLabel: credit.label, certUntil: certUntil,
                certificateExpired: RegistrationBanner.listsExpiredCertificate(status: status, certUntil: certUntil, today: today))
        }
    }
}
