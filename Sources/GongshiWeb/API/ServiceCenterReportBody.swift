import GongshiDisclosure

/// /api/orgs/{code}/center: the report, each standard linked to its policy passage.
struct ServiceCenterReportBody: Encodable, Sendable {
    let code: String
    let name: String
    let founded: String
    let center: Linked<OrganizationProfile.CenterFacts>
    let grade: OrganizationProfile.GradeInfo?
    let results: [Linked<ServiceCenterReport.RuleResult>]
    let asOf: String

    init(_ report: ServiceCenterReport) {
        code = report.code
        name = report.name
        founded = report.founded
        center = OrganizationProfileBody.center(report.center, code: report.code)
        grade = report.grade
        results = report.results.map { Linked($0, url: URLBuilder.path(.policy(id: $0.documentId, anchor: $0.anchor))) }
        asOf = report.asOf
    }

    enum CodingKeys: String, CodingKey {
        case code, name, founded, center, grade, results
        case asOf = "as_of"
    }
}
