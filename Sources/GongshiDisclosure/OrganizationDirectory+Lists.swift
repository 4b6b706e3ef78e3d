import GRDB
import GongshiStore

/// `/credit/abnormal`, `/credit/serious` and `/notices`.
extension OrganizationDirectory {
    /// Entries of one credit list, newest first: current ones, or all when `includeRemoved`.
    /// `page` nil returns up to `maxExportRows` entries (CSV export).
    public func creditList(
        _ list: CreditList.Kind, includeRemoved: Bool = false, filter: CreditList.Filter = .init(),
        page: PageRequest? = PageRequest(), today: String = DisclosureDate.today()
    ) throws(DisclosureError) -> CreditList {
        try filter.validate()
        var nameExpression: String?
        if let name = filter.name, !name.isEmpty {
            nameExpression = try read { db in try self.nameExpression(name, db: db) ?? "" }
        }
        var terms = ["c.list = ?"]
        var values: [(any DatabaseValueConvertible)?] = [list.listName]
        if !includeRemoved {
            terms.append("(c.removed_on IS NULL OR c.removed_on > ?)")
            values.append(today)
        }
        if let authority = filter.authority, !authority.isEmpty {
            terms.append("c.authority = ?")
            values.append(authority)
        }
        if let region = filter.region, !region.isEmpty {
            terms.append("o.region = ?")
            values.append(region)
        }
        if let year = filter.year {
            terms.append("c.date BETWEEN ? AND ?")
            values += ["\(year)-01-01", "\(year)-12-31"]
        }
        // The organization's name as the search box matches it (words in any order), or
        // the name the record was listed under.
        if let nameExpression {
            if nameExpression.isEmpty {
                terms.append("0")
            } else {
                terms.append(
                    "(c.org_code IN (\(QueryWords.nameMatchSQL(kind: "org"))) OR c.id IN (SELECT CAST(ref AS INTEGER) FROM (\(QueryWords.nameMatchSQL(kind: "credit")))))"
                )
                values += [nameExpression, nameExpression]
            }
        }
        let from = "FROM credit_record c LEFT JOIN org o ON o.code = c.org_code WHERE " + terms.joined(separator: " AND ")
        let limit = page?.size ?? Self.maxExportRows
        let offset = page?.offset ?? 0
        let (total, items) = try read { db in
            let total = try Int.fetchOne(db, sql: "SELECT count(*) \(from)", arguments: StatementArguments(values)) ?? 0
            let items = try Row.fetchAll(
                db,
                sql: """
                    SELECT c.org_code, coalesce(o.name, c.org_name, c.org_code) AS name, o.region, c.reason, c.authority, c.date,
                      c.removed_on, c.removal_reason \(from) ORDER BY c.date DESC, c.id LIMIT ? OFFSET ?
                    """, arguments: StatementArguments(values) + [limit, offset]
            ).map { r in
                let code: String = r["org_code"]
                let removed: String? = r["removed_on"]
                return CreditList.Item(
                    orgCode: code, orgName: r["name"], region: r["region"], reason: r["reason"], authority: r["authority"],
                    date: r["date"], removedOn: removed, removalReason: r["removal_reason"],
                    current: removed.map { $0 > today } ?? true)
            }
            return (total, items)
        }
        return CreditList(
            list: list, listName: list.listName, includeRemoved: includeRemoved, filter: filter, total: total,
            page: page?.page ?? 1, pageSize: limit, items: items)
    }

    /// Notices newest first, filtered by kind, issuer and date range.
    public func notices(filter: NoticeFeed.Filter = .init(), page: PageRequest = PageRequest()) throws(DisclosureError) -> NoticeFeed {
        if let kind = filter.kind, !Notice.kinds.contains(kind) {
            throw .invalidParameter(name: "kind", message: "应为 \(Notice.kinds.joined(separator: "、")) 之一")
        }
        if let issuer = filter.issuer, issuer.count > OrganizationFilter.maxTextLength { throw .invalidParameter(name: "issuer", message: "过长") }
        if let name = filter.name, name.count > OrganizationFilter.maxTextLength { throw .invalidParameter(name: "name", message: "过长") }
        try Self.validateDay(filter.from, "from")
        try Self.validateDay(filter.to, "to")
        var terms: [String] = []
        var values: [(any DatabaseValueConvertible)?] = []
        if let kind = filter.kind {
            terms.append("n.kind = ?")
            values.append(kind)
        }
        if let issuer = filter.issuer, !issuer.isEmpty {
            terms.append("n.issuer = ?")
            values.append(issuer)
        }
        if let from = filter.from {
            terms.append("n.date >= ?")
            values.append(from)
        }
        if let to = filter.to {
            terms.append("n.date <= ?")
            values.append(to)
        }
        // A name: notices about an organization whose name has the words, or whose title has them.
        if let name = filter.name, !name.isEmpty {
            if let expression = try read({ db in try self.nameExpression(name, db: db) }) {
                terms.append(
                    "(n.id IN (SELECT notice_id FROM notice_org WHERE org_code IN (\(QueryWords.nameMatchSQL(kind: "org")))) "
                        + "OR n.id IN (\(QueryWords.nameMatchSQL(kind: "notice"))))")
                values += [expression, expression]
            } else {
                terms.append("0")
            }
        }
        let whereSQL = terms.isEmpty ? "" : "WHERE " + terms.joined(separator: " AND ")
        let (total, items) = try read { db in
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM notice n \(whereSQL)", arguments: StatementArguments(values)) ?? 0
            let items = try Row.fetchAll(
                db,
                sql: """
                    SELECT n.id, n.title, n.kind, n.issuer, n.date, substr(coalesce(n.body, ''), 1, ?) AS summary,
                      (SELECT group_concat(org_code, ';') FROM notice_org x WHERE x.notice_id = n.id) AS codes
                    FROM notice n \(whereSQL) ORDER BY n.date DESC, n.id LIMIT ? OFFSET ?
                    """, arguments: [NoticeFeed.summaryLength] + StatementArguments(values) + [page.size, page.offset]
            ).map { r in
                let id: String = r["id"]
                let codes: String? = r["codes"]
                return NoticeFeed.Item(
                    id: id, title: r["title"], kind: r["kind"], issuer: r["issuer"], date: r["date"],
                    orgCodes: codes.map { $0.split(separator: ";").map(String.init) } ?? [],
                    summary: r["summary"])
            }
            return (total, items)
        }
        return NoticeFeed(filter: filter, total: total, page: page.page, pageSize: page.size, items: items)
    }

    static func likeEscaped(_ text: String) -> String {
        var out = ""
        for c in text {
            if c == "%" || c == "_" || c == "\\" { out.append("\\") }
            out.append(c)
        }
        return out
    }
}
