import Foundation
import GRDB
import GongshiDisclosure
import GongshiStore
import GongshiTestSupport
import Testing

/// The transparency pages' data over the bundled corpus (generated organizations: the
/// tests look values up in the database instead of hard-coding them).
@Suite struct OrganizationDirectoryTests {
    static let today = "2026-07-01"

    func directory() throws -> OrganizationDirectory {
        try OrganizationDirectory(database: FixtureIndex.database())
    }

    func scalar<T: DatabaseValueConvertible>(_ sql: String, _ arguments: StatementArguments = []) throws -> T? {
        try FixtureIndex.database().read { try T.fetchOne($0, sql: sql, arguments: arguments) }
    }

    @Test func profileOfKnownOrganizationHasItsRecords() throws {
        let code: String = try #require(
            try scalar(
                """
                SELECT code FROM org WHERE code IN (SELECT org_code FROM credit_record) AND code IN (SELECT org_code FROM notice_org)
                  AND code IN (SELECT org_code FROM org_inspection) ORDER BY code LIMIT 1
                """))
        let profile = try #require(try directory().profile(code: code, today: Self.today))
        #expect(profile.code == code)
        #expect(profile.name == (try scalar("SELECT name FROM org WHERE code = ?", [code]) as String?))
        // Its address, and those of its regulations, are the web's: see ContractTests.
        let credit: Int = try #require(try scalar("SELECT count(*) FROM credit_record WHERE org_code = ?", [code]))
        #expect(profile.credit.all.count == credit)
        let notices: Int = try #require(try scalar("SELECT count(*) FROM notice_org WHERE org_code = ?", [code]))
        #expect(profile.notices.count == min(notices, OrganizationDirectory.maxTimeline))
        #expect(profile.notices.map(\.date) == profile.notices.map(\.date).sorted(by: >))
        #expect(profile.inspections.map(\.year) == profile.inspections.map(\.year).sorted(by: >))
        #expect(!profile.inspections.isEmpty)
        let expected = OrganizationDirectory.governingRegulations[profile.type] ?? []
        #expect(profile.regulations.map(\.title) == expected)
        #expect(profile.creditStatus == CreditStatus.compute(profile.credit.all, today: Self.today))
    }

    @Test func governingRegulationsResolveForEveryType() throws {
        let d = try directory()
        for type in Organization.types {
            let code: String? = try scalar("SELECT code FROM org WHERE type = ? LIMIT 1", [type])
            guard let code else { continue }
            let profile = try #require(try d.profile(code: code, today: Self.today))
            #expect(profile.regulations.count == 1, "\(type)")
        }
    }

    @Test func profileJSONUsesSnakeCaseKeys() throws {
        let code: String = try #require(try scalar("SELECT code FROM org WHERE grade IS NOT NULL LIMIT 1"))
        let profile = try #require(try directory().profile(code: code, today: Self.today))
        let json = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(profile)) as? [String: Any])
        for key in ["code", "name", "legal_rep", "cert_until", "credit_status", "credit_status_label", "credit", "notices", "regulations", "as_of", "grade"] {
            #expect(json.keys.contains(key) || key == "legal_rep" || key == "cert_until", "\(key)")
        }
        let grade = try #require(json["grade"] as? [String: Any])
        #expect(grade["valid_until"] is String)
        #expect(grade["expired"] is Bool)
        let credit = try #require(json["credit"] as? [String: Any])
        #expect(Set(credit.keys) == ["abnormal", "serious", "penalties"])
    }

    @Test func unknownCodeIsNilAndMalformedCodeIsABadRequest() throws {
        let d = try directory()
        var unknown: String?
        for serial in 0..<100 {
            let body = "51999999MJ" + String(repeating: "0", count: 7 - String(serial).count) + String(serial)
            if let code = CreditCode.complete(body)?.value, (try scalar("SELECT count(*) FROM org WHERE code = ?", [code]) as Int?) == 0 {
                unknown = code
                break
            }
        }
        #expect(try d.profile(code: try #require(unknown), today: Self.today) == nil)
        for bad in ["", "123", "51310118MJ0000000X0", "<script>", String(repeating: "5", count: 500)] {
            do {
                _ = try d.profile(code: bad, today: Self.today)
                Issue.record("\(bad) was accepted")
            } catch {
                guard case .invalidParameter = error else {
                    Issue.record("\(bad): \(error)")
                    continue
                }
            }
        }
    }

    @Test func gradeExpiresAfterItsValidity() throws {
        let code: String = try #require(try scalar("SELECT code FROM org WHERE grade IS NOT NULL ORDER BY code LIMIT 1"))
        let until: String = try #require(try scalar("SELECT grade_until FROM org WHERE code = ?", [code]))
        let d = try directory()
        let valid = try #require(try d.profile(code: code, today: until)?.grade)
        #expect(!valid.expired && valid.label == "有效")
        let yearLater = try #require(DisclosureDate.adding(years: 1, to: until))
        let expired = try #require(try d.profile(code: code, today: yearLater)?.grade)
        #expect(expired.expired && expired.label == "已过期")
        // Without grade_until, validity is five years from grade_from.
        let derived = try #require(OrganizationProfile.GradeInfo.make(grade: "4A", from: "2020-02-29", until: nil, today: "2025-02-28"))
        #expect(derived.validUntil == "2025-02-28" && !derived.expired)
        #expect(OrganizationProfile.GradeInfo.make(grade: "4A", from: "2020-02-29", until: nil, today: "2025-03-01")?.expired == true)
    }

    @Test func creditStatusRanksSeriousOverAbnormalOverPenalty() {
        let serious = CreditEntry(list: CreditRecord.serious, reason: "r", authority: "a", date: "2022-01-01")
        let seriousRemoved = CreditEntry(list: CreditRecord.serious, reason: "r", authority: "a", date: "2020-01-01", removedOn: "2023-01-05")
        let abnormal = CreditEntry(list: CreditRecord.abnormal, reason: "r", authority: "a", date: "2023-01-01")
        let abnormalRemoved = CreditEntry(list: CreditRecord.abnormal, reason: "r", authority: "a", date: "2021-01-01", removedOn: "2021-06-01")
        let penalty = CreditEntry(list: CreditRecord.penalty, reason: "r", authority: "a", date: "2023-01-01", decisionNo: "x", result: "警告")
        let today = "2024-01-01"
        #expect(CreditStatus.compute([], today: today) == .normal)
        #expect(CreditStatus.compute([abnormalRemoved], today: today) == .normal)
        #expect(CreditStatus.compute([abnormalRemoved, penalty], today: today) == .penalty)
        #expect(CreditStatus.compute([abnormal, penalty], today: today) == .abnormal)
        #expect(CreditStatus.compute([abnormal, serious, penalty], today: today) == .serious)
        #expect(CreditStatus.compute([seriousRemoved, abnormal], today: today) == .abnormal)
        // Before its removal date a listing is still current.
        #expect(CreditStatus.compute([seriousRemoved], today: "2022-12-31") == .serious)
        #expect(CreditStatus.normal.label == "正常" && CreditStatus.serious.label == "列入严重违法失信名单")
    }

    @Test func creditStatusOfEveryListedOrganizationMatchesItsFilter() throws {
        let d = try directory()
        for status in CreditStatus.allCases {
            let result = try d.search(filter: OrganizationFilter(creditStatus: status), page: PageRequest(size: 100), today: Self.today)
            for item in result.items {
                #expect(try d.profile(code: item.code, today: Self.today)?.creditStatus == status, "\(item.code)")
            }
        }
        let listed = try d.search(filter: OrganizationFilter(creditStatus: .serious), today: Self.today).total
        let expected: Int = try #require(
            try scalar(
                """
                SELECT count(DISTINCT org_code) FROM credit_record WHERE list = '严重违法失信名单' AND (removed_on IS NULL OR removed_on > ?)
                  AND org_code IN (SELECT code FROM org)
                """, [Self.today]))
        #expect(listed == expected && listed > 0)
    }

    @Test func filtersAndTotalsAreConsistent() throws {
        let d = try directory()
        let all = try d.search(filter: OrganizationFilter(), page: PageRequest(page: 1, size: 20), today: Self.today)
        let count: Int = try #require(try scalar("SELECT count(*) FROM org"))
        #expect(all.total == count)
        #expect(all.items.count == 20)
        for facet in [all.facets.type, all.facets.status, all.facets.grade, all.facets.creditStatus, all.facets.authority] {
            #expect(facet.map(\.count).reduce(0, +) == count)
        }
        for facet in all.facets.type {
            let filtered = try d.search(filter: OrganizationFilter(type: facet.value), page: PageRequest(size: 100), today: Self.today)
            #expect(filtered.total == facet.count)
            #expect(filtered.items.allSatisfy { $0.type == facet.value })
        }
        let grade = try #require(all.facets.grade.first { $0.value != OrganizationFilter.noGrade })
        let graded = try d.search(filter: OrganizationFilter(grade: grade.value), page: PageRequest(size: 100), today: Self.today)
        #expect(graded.total == grade.count && graded.items.allSatisfy { $0.grade == grade.value })
        let year: Int = try #require(try scalar("SELECT CAST(substr(founded, 1, 4) AS INTEGER) FROM org ORDER BY code LIMIT 1"))
        let byYear = try d.search(filter: OrganizationFilter(foundedYear: year), page: PageRequest(size: 100), today: Self.today)
        #expect(byYear.total == (try scalar("SELECT count(*) FROM org WHERE founded LIKE ?", ["\(year)-%"]) as Int?))
        #expect(byYear.items.allSatisfy { $0.founded.hasPrefix("\(year)-") })
        let combined = try d.search(filter: OrganizationFilter(type: "社会团体", status: "正常"), today: Self.today)
        #expect(combined.total == (try scalar("SELECT count(*) FROM org WHERE type = '社会团体' AND status = '正常'") as Int?))
        // Pages do not overlap and stop at the total.
        let second = try d.search(filter: OrganizationFilter(), page: PageRequest(page: 2, size: 20), today: Self.today)
        #expect(Set(second.items.map(\.code)).isDisjoint(with: all.items.map(\.code)))
        #expect(PageRequest(page: 0, size: 1000) == PageRequest(page: 1, size: 100))
        #expect(throws: DisclosureError.self) { try d.search(filter: OrganizationFilter(type: "公司"), today: Self.today) }
    }

    @Test func nameFilterFindsWordsInTheMiddle() throws {
        let d = try directory()
        let word = "服务中心"
        let result = try d.search(filter: OrganizationFilter(name: word), page: PageRequest(size: 100), today: Self.today)
        let expected: Int = try #require(try scalar("SELECT count(*) FROM org WHERE name LIKE ?", ["%\(word)%"]))
        #expect(result.total > 0 && result.total <= expected)
        #expect(result.items.allSatisfy { $0.name.contains(word) })
    }

    @Test func suggestFindsNameStartsAndMiddleWords() throws {
        let d = try directory()
        let name: String = try #require(try scalar("SELECT name FROM org WHERE name LIKE '%退役军人%' ORDER BY code LIMIT 1"))
        let full = try d.suggest(prefix: name, limit: 10)
        #expect(full.first?.name == name)
        let start = String(name.prefix(4))
        let byStart = try d.suggest(prefix: start, limit: 10)
        #expect(!byStart.isEmpty && byStart.allSatisfy { $0.name.contains(start) })
        let middle = try d.suggest(prefix: "退役军人", limit: 10)
        #expect(!middle.isEmpty && middle.allSatisfy { $0.name.contains("退役军人") })
        #expect(Set(middle.map(\.code)).count == middle.count)
        #expect(try d.suggest(prefix: "  ", limit: 10).isEmpty)
        #expect(try d.suggest(prefix: "\"'*()", limit: 10).isEmpty)
        #expect(try d.suggest(prefix: "协", limit: 50).count <= 20)
    }

    @Test func statisticsSumToTheirTotals() throws {
        let stats = try directory().statistics(today: Self.today)
        let orgs: Int = try #require(try scalar("SELECT count(*) FROM org"))
        let notices: Int = try #require(try scalar("SELECT count(*) FROM notice"))
        #expect(stats.totalOrganizations == orgs && stats.totalNotices == notices)
        #expect(stats.byType.map(\.count).reduce(0, +) == orgs)
        #expect(stats.byFoundedYear.map(\.count).reduce(0, +) == orgs)
        #expect(stats.grades.map(\.count).reduce(0, +) == orgs)
        #expect(stats.creditStatus.map(\.count).reduce(0, +) == orgs)
        #expect(stats.noticesPerMonth.map(\.count).reduce(0, +) == notices)
        #expect(stats.byFoundedYear.map(\.year) == stats.byFoundedYear.map(\.year).sorted())
        let search = try directory().search(filter: OrganizationFilter(), today: Self.today)
        #expect(stats.creditStatus.map(\.count) == CreditStatus.allCases.map { s in search.facets.creditStatus.first { $0.value == s.rawValue }?.count ?? 0 })
        #expect(try directory().statistics(today: Self.today) == stats)  // cached
    }

    @Test func creditListsSplitCurrentAndRemoved() throws {
        let d = try directory()
        for kind in CreditList.Kind.allCases {
            let current = try d.creditList(kind, includeRemoved: false, page: PageRequest(size: 100), today: Self.today)
            let all = try d.creditList(kind, includeRemoved: true, page: PageRequest(size: 100), today: Self.today)
            #expect(current.total <= all.total)
            #expect(current.items.allSatisfy { $0.current })
            #expect(all.items.filter(\.current).count == current.total)
            let stored: Int = try #require(try scalar("SELECT count(*) FROM credit_record WHERE list = ?", [kind.listName]))
            #expect(all.total == stored)
            #expect(current.items.map(\.date) == current.items.map(\.date).sorted(by: >))
            if let first = all.items.first {
                let filtered = try d.creditList(kind, includeRemoved: true, filter: .init(authority: first.authority), today: Self.today)
                #expect(filtered.items.allSatisfy { $0.authority == first.authority })
                let year = Int(first.date.prefix(4))
                let byYear = try d.creditList(kind, includeRemoved: true, filter: .init(year: year), today: Self.today)
                #expect(byYear.total > 0 && byYear.items.allSatisfy { $0.date.hasPrefix(first.date.prefix(4)) })
            }
        }
        #expect(
            try d.creditList(.abnormal, includeRemoved: true, page: nil, today: Self.today).items.count
                == (try scalar("SELECT count(*) FROM credit_record WHERE list = '活动异常名录'") as Int?))
    }

    @Test func noticesFilterByKindIssuerAndDates() throws {
        let d = try directory()
        let all = try d.notices()
        #expect(all.total == (try scalar("SELECT count(*) FROM notice") as Int?))
        let first = try #require(all.items.first)
        let byKind = try d.notices(filter: .init(kind: first.kind), page: PageRequest(size: 100))
        #expect(byKind.items.allSatisfy { $0.kind == first.kind })
        #expect(byKind.total == (try scalar("SELECT count(*) FROM notice WHERE kind = ?", [first.kind]) as Int?))
        let range = try d.notices(filter: .init(issuer: first.issuer, from: "2024-01-01", to: "2024-12-31"), page: PageRequest(size: 100))
        #expect(range.items.allSatisfy { $0.issuer == first.issuer && $0.date >= "2024-01-01" && $0.date <= "2024-12-31" })
        #expect(throws: DisclosureError.self) { try d.notices(filter: .init(kind: "其他")) }
        #expect(throws: DisclosureError.self) { try d.notices(filter: .init(from: "2024-13-01")) }
        let withOrgs = try #require(all.items.first { !$0.orgCodes.isEmpty })
        #expect(withOrgs.orgCodes.allSatisfy { $0.count == 18 })
    }
}
