import Foundation
import GRDB
import GongshiDisclosure
import GongshiStore
import GongshiTestSupport
import Testing

/// The registration banner of organization pages, over the bundled (generated) corpus: the
/// values are looked up in the database, not hard-coded.
@Suite struct RegistrationBannerTests {
    static let today = "2026-07-01"

    func scalar<T: DatabaseValueConvertible>(_ sql: String, _ arguments: StatementArguments = []) throws -> T? {
        try FixtureIndex.database().read { try T.fetchOne($0, sql: sql, arguments: arguments) }
    }

    func profile(_ code: String) throws -> OrganizationProfile {
        try #require(try OrganizationDirectory(database: FixtureIndex.database()).profile(code: code, today: Self.today))
    }

    @Test func aRevokedOrganizationShowsTheDecisionWithItsDateAndNumber() throws {
        let code: String = try #require(
            try scalar(
                """
                SELECT o.code FROM org o JOIN credit_record c ON c.org_code = o.code
                WHERE o.status = '已撤销' AND c.result LIKE '%撤销%' ORDER BY o.code LIMIT 1
                """))
        let (date, number): (String?, String?) = try FixtureIndex.database().read { db in
            let row = try Row.fetchOne(
                db, sql: "SELECT date, decision_no FROM credit_record WHERE org_code = ? AND result LIKE '%撤销%' ORDER BY date DESC LIMIT 1", arguments: [code])
            return (row?["date"], row?["decision_no"])
        }
        let banner = try #require(try profile(code).registrationBanner)
        #expect(banner.kind == .revoked && banner.label == "已撤销")
        #expect(banner.date == date && banner.decisionNo == number && number != nil)
        let d = try #require(date)
        let n = try #require(number)
        #expect(banner.sentence.contains(d) && banner.sentence.contains(n))
    }

    @Test func aDeregisteredOrganizationShowsTheDateOfItsNotice() throws {
        let code: String = try #require(
            try scalar(
                """
                SELECT o.code FROM org o JOIN notice_org x ON x.org_code = o.code JOIN notice n ON n.id = x.notice_id
                WHERE o.status = '已注销' AND n.kind = '注销登记' ORDER BY o.code LIMIT 1
                """))
        let date: String? = try scalar(
            """
            SELECT max(n.date) FROM notice_org x JOIN notice n ON n.id = x.notice_id WHERE x.org_code = ? AND n.kind = '注销登记'
            """, [code])
        let banner = try #require(try profile(code).registrationBanner)
        #expect(banner.kind == .deregistered && banner.label == "已注销")
        #expect(banner.date == date && date != nil && banner.noticeId != nil)
    }

    @Test func anExpiredCertificateIsFlaggedOnlyAfterItsLastDay() throws {
        let row = try #require(
            try FixtureIndex.database().read { db in
                try Row.fetchOne(db, sql: "SELECT code, cert_until FROM org WHERE status = '正常' AND cert_until IS NOT NULL ORDER BY cert_until LIMIT 1")
            })
        let code: String = row["code"]
        let until: String = row["cert_until"]
        let directory = try OrganizationDirectory(database: FixtureIndex.database())
        let after = try #require(try directory.profile(code: code, today: "2999-01-01"))
        let banner = try #require(after.registrationBanner)
        #expect(banner.kind == .certificateExpired && banner.label == "证书已过期" && banner.date == until)
        #expect(try directory.profile(code: code, today: until)?.registrationBanner == nil)
    }
}
