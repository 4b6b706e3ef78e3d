import Foundation
import GRDB
import GongshiDisclosure
import GongshiStore
import GongshiTestSupport
import Testing

/// Service-center standards: rules from Corpus/rules/service-centers.yaml, evaluated
/// against the centers' figures.
@Suite struct ServiceCenterReportTests {
    static let today = "2026-07-01"
    typealias Facts = OrganizationProfile.CenterFacts

    static func rule(_ measure: ServiceCenterRule.Measure, value: Double? = nil, grade: String? = nil, after: Int? = nil) -> ServiceCenterRule {
        ServiceCenterRule(
            id: "r", title: "t", levels: ["区级"], measure: measure, value: value, grade: grade, afterYears: after,
            document: "doc", anchor: "s3-1", text: "原文")
    }

    static func facts(served: Int? = nil, staff: Int? = nil, area: Double? = nil) -> Facts {
        Facts(level: "区级", served: served, staff: staff, area: area)
    }

    func outcome(_ rule: ServiceCenterRule, _ facts: Facts, founded: String = "2015-01-01", grade: OrganizationProfile.GradeInfo? = nil)
        -> ServiceCenterReport.Outcome
    {
        ServiceCenterReport.evaluate(rule, center: facts, founded: founded, grade: grade, today: Self.today).outcome
    }

    @Test func staffPerServedRoundsUp() {
        let rule = Self.rule(.staffPerServed, value: 50)
        #expect(outcome(rule, Self.facts(served: 295, staff: 6)) == .met)
        #expect(outcome(rule, Self.facts(served: 295, staff: 5)) == .notMet)
        #expect(outcome(rule, Self.facts(served: 250, staff: 5)) == .met)
        #expect(outcome(rule, Self.facts(served: nil, staff: 5)) == .unknown)
        #expect(outcome(rule, Self.facts(served: 100, staff: nil)) == .unknown)
        let result = ServiceCenterReport.evaluate(rule, center: Self.facts(served: 295, staff: 5), founded: "2015-01-01", grade: nil, today: Self.today)
        #expect(result.detail.contains("6 名") && result.documentId == "doc" && result.anchor == "s3-1" && result.outcomeLabel == "未达标")
    }

    @Test func minimumStaffAndArea() {
        #expect(outcome(Self.rule(.minimumStaff, value: 2), Self.facts(staff: 2)) == .met)
        #expect(outcome(Self.rule(.minimumStaff, value: 2), Self.facts(staff: 1)) == .notMet)
        #expect(outcome(Self.rule(.minimumStaff, value: 2), Self.facts()) == .unknown)
        #expect(outcome(Self.rule(.minimumArea, value: 200), Self.facts(area: 200)) == .met)
        #expect(outcome(Self.rule(.minimumArea, value: 200), Self.facts(area: 199.5)) == .notMet)
        #expect(outcome(Self.rule(.minimumArea, value: 200), Self.facts()) == .unknown)
    }

    @Test func gradeIsRequiredOnlyAfterTwoYears() {
        let rule = Self.rule(.minimumGrade, grade: "3A", after: 2)
        func grade(_ g: String, until: String) -> OrganizationProfile.GradeInfo {
            .init(grade: g, validFrom: nil, validUntil: until, today: Self.today)
        }
        #expect(outcome(rule, Self.facts(), founded: "2025-01-01") == .notApplicable)
        #expect(outcome(rule, Self.facts(), founded: "2020-01-01") == .notMet)
        #expect(outcome(rule, Self.facts(), founded: "2020-01-01", grade: grade("4A", until: "2028-12-01")) == .met)
        #expect(outcome(rule, Self.facts(), founded: "2020-01-01", grade: grade("3A", until: "2028-12-01")) == .met)
        #expect(outcome(rule, Self.facts(), founded: "2020-01-01", grade: grade("2A", until: "2028-12-01")) == .notMet)
        #expect(outcome(rule, Self.facts(), founded: "2020-01-01", grade: grade("5A", until: "2024-12-01")) == .notMet)
    }

    @Test func rulesLoadFromTheCorpusAndQuoteTheirPassages() throws {
        let directory = try OrganizationDirectory(database: FixtureIndex.database())
        let rules = try directory.serviceCenterRules()
        #expect(Set(rules.map(\.id)) == ["staff-district", "staff-street", "staff-street-initial", "office-area", "grade-after-two-years"])
        for rule in rules {
            #expect(rule.problem == nil)
            let passage: String? = try FixtureIndex.database().read {
                try String.fetchOne($0, sql: "SELECT text FROM unit WHERE document_id = ? AND anchor = ?", arguments: [rule.document, rule.anchor])
            }
            #expect(try #require(passage).contains(rule.text), "\(rule.id)")
        }
    }

    @Test func reportOfEveryCenterCoversItsLevel() throws {
        let database = try FixtureIndex.database()
        let directory = try OrganizationDirectory(database: database)
        let centers = try database.read { try Row.fetchAll($0, sql: "SELECT code, center_level FROM org WHERE center_level IS NOT NULL") }
        #expect(Set(centers.map { $0["center_level"] as String }) == Set(Organization.centerLevels))
        var outcomes = Set<ServiceCenterReport.Outcome>()
        for row in centers {
            let report = try #require(try directory.serviceCenterReport(code: row["code"], today: Self.today))
            let level: String = row["center_level"]
            #expect(report.center.level == level)
            let expected = level == "区级" ? 3 : level == "街镇" ? 4 : 2
            #expect(report.results.count == expected, "\(level)")
            #expect(report.results.allSatisfy { $0.documentId == "qingpu-shehui-zuzhi-fuwu-zhongxin-2016" && $0.anchor.hasPrefix("s3-") })
            outcomes.formUnion(report.results.map(\.outcome))
        }
        #expect(outcomes.isSuperset(of: [.met, .notMet]))
        let ordinary: String = try #require(try database.read { try String.fetchOne($0, sql: "SELECT code FROM org WHERE center_level IS NULL LIMIT 1") })
        #expect(try directory.serviceCenterReport(code: ordinary, today: Self.today) == nil)
    }

    @Test func rulesRestrictedToARegionApplyOnlyThere() {
        var rule = Self.rule(.minimumArea, value: 200)
        #expect(ServiceCenterReport.applies(rule, level: "区级", region: "温州市洞头区"))
        #expect(!ServiceCenterReport.applies(rule, level: "街镇", region: nil))
        rule.regions = ["上海市青浦区"]
        #expect(ServiceCenterReport.applies(rule, level: "区级", region: "上海市青浦区"))
        #expect(!ServiceCenterReport.applies(rule, level: "区级", region: "温州市洞头区"))
    }
}
