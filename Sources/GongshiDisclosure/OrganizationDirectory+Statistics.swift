import GRDB
import GongshiStore

/// `/stats`.
extension OrganizationDirectory {
    /// Organizations by type, by year of registration, by grade and by credit status, and
    /// notices per month. Cached until the index or the day changes (it scans every row).
    public func statistics(today: String = DisclosureDate.today()) throws(DisclosureError) -> Statistics {
        let version = try indexVersion(today: today)
        if let cached = cachedStatistic(version) { return cached }
        let statistics = try read { db in
            func counts(_ sql: String, _ arguments: StatementArguments = []) throws -> [(String, Int)] {
                try Row.fetchAll(db, sql: sql, arguments: arguments).map { (($0[0] as String?) ?? "", $0[1]) }
            }
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM org") ?? 0
            let notices = try Int.fetchOne(db, sql: "SELECT count(*) FROM notice") ?? 0
            let types = Dictionary(try counts("SELECT type, count(*) FROM org GROUP BY type"), uniquingKeysWith: +)
            let years = try counts("SELECT substr(founded, 1, 4), count(*) FROM org GROUP BY 1 ORDER BY 1")
            let grades = Dictionary(
                try counts(
                    """
                    SELECT CASE WHEN grade IS NULL THEN 'none' WHEN grade_until IS NULL OR grade_until < ? THEN 'expired' ELSE grade END, count(*)
                    FROM org GROUP BY 1
                    """, [today]), uniquingKeysWith: +)
            var credit = Dictionary(
                try counts(
                    "WITH \(CreditStatus.tableSQL) SELECT status, count(*) FROM cs GROUP BY status",
                    StatementArguments(CreditStatus.arguments(today: today))), uniquingKeysWith: +)
            // Records may name organizations that are not registered here; count those that are.
            let listed = credit.values.reduce(0, +)
            let unknown = try Int.fetchOne(db, sql: "SELECT count(DISTINCT org_code) FROM credit_record WHERE org_code NOT IN (SELECT code FROM org)") ?? 0
            if unknown > 0 {
                credit = Dictionary(
                    try counts(
                        """
                        WITH \(CreditStatus.tableSQL) SELECT status, count(*) FROM cs WHERE org_code IN (SELECT code FROM org) GROUP BY status
                        """, StatementArguments(CreditStatus.arguments(today: today))), uniquingKeysWith: +)
            }
            credit["normal", default: 0] += total - (listed - unknown)
            let months = try counts("SELECT substr(date, 1, 7), count(*) FROM notice GROUP BY 1 ORDER BY 1")
            var typeCounts = Organization.types.map { FacetCount(value: $0, count: types[$0] ?? 0) }
            for (type, n) in types where !Organization.types.contains(type) { typeCounts.append(FacetCount(value: type, count: n)) }
            let gradeOrder = Organization.grades + ["expired", "none"]
            return Statistics(
                asOf: today, totalOrganizations: total, totalNotices: notices, byType: typeCounts,
                byFoundedYear: years.map { Statistics.YearCount(year: Int($0.0) ?? 0, count: $0.1) },
                grades: gradeOrder.map { FacetCount(value: $0, label: $0 == "expired" ? "已过期" : $0 == "none" ? "未评估" : $0, count: grades[$0] ?? 0) },
                creditStatus: CreditStatus.allCases.map { FacetCount(value: $0.rawValue, label: $0.label, count: credit[$0.rawValue] ?? 0) },
                noticesPerMonth: months.map { Statistics.MonthCount(month: $0.0, count: $0.1) })
        }
        cachedStatistics.value = (version, statistics)
        return statistics
    }

    /// Changes whenever an index run commits (or the day changes): the key of the caches.
    func indexVersion(today: String) throws(DisclosureError) -> String {
        try read { db in "\(try db.indexGeneration())/\(today)" }
    }

    private func cachedStatistic(_ version: String) -> Statistics? {
        let cached = cachedStatistics.value
        return cached?.key == version ? cached?.value : nil
    }
}
