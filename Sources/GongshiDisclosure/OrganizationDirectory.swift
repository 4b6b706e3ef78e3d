import Foundation
import GRDB
import GongshiStore

/// The data of the transparency pages: organization profiles, `/orgs` search with facets,
/// name autocomplete, the credit lists, notices, statistics and service-center reports.
///
/// Reads only, through the database's WAL pool, so it is safe from any number of threads
/// while `gongshi index` writes. Every method that judges validity (grades, listings,
/// service-center rules) takes "today" as a `YYYY-MM-DD` string.
public final class OrganizationDirectory: Sendable {
    public let database: GongshiDatabase
    /// ICU break iterators keep state: each fold borrows a tokenizer of its own.
    private let tokenizers = TokenizerPool()
    /// The statistics of one index version (computing them reads every record).
    let cachedStatistics = Locked<(key: String, value: Statistics)?>(nil)
    /// Synonyms for name matching, per index generation.
    let vocabularies = QueryVocabularyCache()
    /// Facet counts of `/orgs` by index version, day and filter: one GROUP BY over a
    /// million organizations takes seconds, and most visits use a handful of filters.
    let facetCache = Locked<[String: [FacetRow]]>([:])
    static let facetCacheSize = 256

    /// Notices shown on an organization's page.
    public static let maxTimeline = 100
    /// Rows a CSV export may hold.
    public static let maxExportRows = 10_000

    /// Regulation titles that govern each organization type (resolved to document ids by title).
    public static let governingRegulations: [String: [String]] = [
        "社会团体": ["社会团体登记管理条例"],
        "民办非企业单位": ["民办非企业单位登记管理暂行条例"],
        "社会服务机构": ["民办非企业单位登记管理暂行条例"],
        "基金会": ["基金会管理条例"],
    ]

    public init(database: GongshiDatabase) throws(DisclosureError) {
        self.database = database
        // Fail early, as before, when ICU cannot build a tokenizer.
        do { tokenizers.put(try ChineseTokenizer()) } catch { throw .store(error) }
    }

    /// Validates a 统一社会信用代码 typed in a URL; throws `.invalidParameter` (→ 400).
    public static func validateCode(_ text: String) throws(DisclosureError) -> String {
        guard text.count <= 40 else { throw .invalidParameter(name: "code", message: "统一社会信用代码过长") }
        do { return try CreditCode(validating: text).value } catch {
            throw .invalidParameter(name: "code", message: "统一社会信用代码“\(text)”无效：\(error.message)")
        }
    }

    static func validateDay(_ text: String?, _ name: String) throws(DisclosureError) {
        if let text, !DisclosureDate.isValid(text) { throw .invalidParameter(name: name, message: "日期应为 YYYY-MM-DD") }
    }

    func read<T>(_ body: (Database) throws -> T) throws(DisclosureError) -> T {
        do { return try database.read(body) } catch { throw .store(error) }
    }

    /// The name-match expression of what was typed (words in any order, synonyms), as
    /// the search box matches names; nil when nothing searchable was typed.
    func nameExpression(_ text: String, db: Database) throws -> String? {
        try tokenizers.with { tokenizer in
            let vocabulary = try vocabularies.vocabulary(db, tokenizer: tokenizer)
            return QueryWords.nameExpression(String(text.prefix(OrganizationFilter.maxTextLength)), tokenizer: tokenizer, vocabulary: vocabulary)?.text
        }
    }

    func fold(_ text: String) -> String? {
        try? tokenizers.with { SuggestKey.fold(text, tokenizer: $0) }
    }

    // MARK: Profile

    /// Everything for `/orgs/{code}`; nil for a well-formed code that is not registered,
    /// `.invalidParameter` for a malformed one.
    public func profile(code text: String, today: String = DisclosureDate.today()) throws(DisclosureError) -> OrganizationProfile? {
        let code = try Self.validateCode(text)
        return try read { db -> OrganizationProfile? in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM org WHERE code = ?"), arguments: [code]) else { return nil }
            let inspections = try Row.fetchAll(
                db.cachedStatement(sql: "SELECT year, result FROM org_inspection WHERE org_code = ? ORDER BY year DESC"),
                arguments: [code]
            ).map { OrganizationProfile.InspectionResult(year: $0["year"], result: $0["result"]) }
            let entries = try Self.creditEntries(db, code: code, today: today)
            let credit = OrganizationProfile.CreditRecords(
                abnormal: .init(
                    current: entries.filter { $0.list == CreditRecord.abnormal && $0.current },
                    removed: entries.filter { $0.list == CreditRecord.abnormal && !$0.current }),
                serious: .init(
                    current: entries.filter { $0.list == CreditRecord.serious && $0.current },
                    removed: entries.filter { $0.list == CreditRecord.serious && !$0.current }),
                penalties: entries.filter { $0.list == CreditRecord.penalty })
            let status = CreditStatus.compute(entries, today: today)
            let notices = try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT n.id, n.title, n.kind, n.issuer, n.date FROM notice_org x JOIN notice n ON n.id = x.notice_id
                        WHERE x.org_code = ? ORDER BY n.date DESC, n.id LIMIT ?
                        """), arguments: [code, Self.maxTimeline]
            ).map { r in
                OrganizationProfile.NoticeLink(id: r["id"], title: r["title"], kind: r["kind"], issuer: r["issuer"], date: r["date"])
            }
            let type: String = row["type"]
            var regulations: [OrganizationProfile.RegulationLink] = []
            for title in Self.governingRegulations[type] ?? [] {
                if let id = try String.fetchOne(db.cachedStatement(sql: "SELECT id FROM document WHERE title = ? ORDER BY id LIMIT 1"), arguments: [title]) {
                    regulations.append(.init(id: id, title: title))
                }
            }
            let level: String? = row["center_level"]
            return OrganizationProfile(
                code: code, name: row["name"], type: type, authority: row["authority"], supervisor: row["supervisor"],
                legalRep: row["legal_rep"], founded: row["founded"], capital: row["capital"], address: row["address"], scope: row["scope"],
                status: row["status"], certUntil: row["cert_until"], region: row["region"],
                grade: .make(grade: row["grade"], from: row["grade_from"], until: row["grade_until"], today: today),
                inspections: inspections, creditStatus: status, creditStatusLabel: status.label, credit: credit,
                notices: notices, regulations: regulations,
                serviceCenter: level.map { .init(level: $0, served: row["center_served"], staff: row["center_staff"], area: row["center_area"]) },
                asOf: today)
        }
    }

    static func creditEntries(_ db: Database, code: String, today: String) throws -> [CreditEntry] {
        try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM credit_record WHERE org_code = ? ORDER BY date DESC, id"), arguments: [code]).map { r in
            var entry = CreditEntry(
                list: r["list"], reason: r["reason"], authority: r["authority"], date: r["date"], removedOn: r["removed_on"],
                removalReason: r["removal_reason"], decisionNo: r["decision_no"], basis: r["basis"], result: r["result"])
            entry.id = r["id"]
            entry.current = entry.isCurrent(today: today)
            return entry
        }
    }

    // MARK: Service centers

    /// The rules loaded from `Corpus/rules/service-centers.yaml` at index time.
    public func serviceCenterRules() throws(DisclosureError) -> [ServiceCenterRule] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT json FROM center_rule ORDER BY seq").compactMap {
                try? JSONDecoder().decode(ServiceCenterRule.self, from: Data($0.utf8))
            }
        }
    }

    /// The service-center page: each applicable rule met, not met or unknown; nil when the
    /// code is not registered or the organization is not a service center.
    public func serviceCenterReport(code: String, today: String = DisclosureDate.today()) throws(DisclosureError) -> ServiceCenterReport? {
        guard let profile = try profile(code: code, today: today), let center = profile.serviceCenter else { return nil }
        let rules = try serviceCenterRules().filter { ServiceCenterReport.applies($0, level: center.level, region: profile.region) }
        return ServiceCenterReport(
            code: profile.code, name: profile.name, founded: profile.founded, center: center, grade: profile.grade,
            results: rules.map { ServiceCenterReport.evaluate($0, center: center, founded: profile.founded, grade: profile.grade, today: today) },
            asOf: today)
    }

    // MARK: Autocomplete

    /// Names that start with `prefix`, or that have a word starting with it (退役军人),
    /// best first: name starts, registered (正常) organizations, shorter names. One range
    /// scan on the `org_suggest` key index: a few milliseconds at a million organizations.
    public func suggest(prefix: String, limit: Int = 10) throws(DisclosureError) -> [Suggestion] {
        let limit = min(max(1, limit), 20)
        let typed = String(prefix.trimmingCharacters(in: .whitespacesAndNewlines).prefix(OrganizationFilter.maxTextLength))
        guard let key = fold(typed) else { return [] }
        // Past the key length, the rest of what was typed must still appear in the name.
        let mustContain = typed.count > SuggestKey.maxCharacters ? typed : nil
        let today = DisclosureDate.today()
        let credit = "(SELECT \(CreditStatus.statusSQL) FROM credit_record WHERE org_code = o.code) AS credit"
        let (rows, wordRows) = try read { db -> ([Row], [Row]) in
            let rows = try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT s.code, s.pos, o.name, o.type, o.status, o.cert_until, \(credit) FROM org_suggest s JOIN org o ON o.code = s.code
                        WHERE s.key >= ? AND s.key < ? ORDER BY s.key LIMIT 60
                        """), arguments: StatementArguments(CreditStatus.arguments(today: today)) + [key, key + "\u{10FFFF}"])
            // Fewer than asked by name start: names holding the typed words in any order
            // (法律服务协会 → 青浦区法律服务工作者协会), after them.
            guard Set(rows.map { $0["code"] as String }).count < limit, let expression = try nameExpression(typed, db: db) else { return (rows, []) }
            let words = try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT o.code, 1000 AS pos, o.name, o.type, o.status, o.cert_until, \(credit) FROM org o
                        WHERE o.code IN (\(QueryWords.nameMatchSQL(kind: "org")) LIMIT 60)
                        """), arguments: StatementArguments(CreditStatus.arguments(today: today)) + [expression])
            return (rows, words)
        }
        var best: [String: (pos: Int, suggestion: Suggestion)] = [:]
        for (i, row) in (rows + wordRows).enumerated() {
            let code: String = row["code"]
            let name: String = row["name"]
            if i < rows.count, let mustContain, !name.contains(mustContain) { continue }
            let pos: Int = row["pos"]
            if let known = best[code], known.pos <= pos { continue }
            let credit = CreditStatus(rawValue: row["credit"] ?? "normal") ?? .normal
            let status: String = row["status"]
            let expired = RegistrationBanner.listsExpiredCertificate(status: status, certUntil: row["cert_until"], today: today)
            best[code] = (pos, Suggestion(code: code, name: name, type: row["type"], status: status, creditStatus: credit, certificateExpired: expired))
        }
        return best.values.sorted { a, b in
            if (a.pos == 0) != (b.pos == 0) { return a.pos == 0 }
            let activeA = a.suggestion.status == "正常"
            let activeB = b.suggestion.status == "正常"
            if activeA != activeB { return activeA }
            if a.suggestion.name.count != b.suggestion.name.count { return a.suggestion.name.count < b.suggestion.name.count }
            return a.suggestion.name < b.suggestion.name
        }.prefix(limit).map(\.suggestion)
    }

    // MARK: Sitemap support

    public func organizationCount() throws(DisclosureError) -> Int {
        try read { try Int.fetchOne($0, sql: "SELECT count(*) FROM org") ?? 0 }
    }

    /// Organization codes in code order, for sitemap files of at most 50,000 URLs.
    public func organizationCodes(offset: Int, limit: Int) throws(DisclosureError) -> [String] {
        let limit = min(max(0, limit), 50_000)
        return try read { db in
            try String.fetchAll(db.cachedStatement(sql: "SELECT code FROM org ORDER BY code LIMIT ? OFFSET ?"), arguments: [limit, max(0, offset)])
        }
    }

    /// Ids of the regulations and policy documents, with the latest of their dates.
    public func policyDocuments() throws(DisclosureError) -> [(id: String, updated: String?)] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT id, coalesce(revised, effective, promulgated) AS updated FROM document ORDER BY id").map {
                ($0["id"], $0["updated"])
            }
        }
    }
}
