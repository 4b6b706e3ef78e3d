import GongshiDisclosure

/// /api/orgs/{code}: the profile with the addresses of the organization, its notices,
/// its regulations and its service-center report.
struct OrganizationProfileBody: Encodable, Sendable {
    let profile: OrganizationProfile
    /// For the page only: the service-center report, shown inside `service_center`.
    let report: ServiceCenterReport?

    init(_ profile: OrganizationProfile, report: ServiceCenterReport? = nil) {
        self.profile = profile
        self.report = report
    }

    /// `service_center` of the page: the facts and the report's results.
    struct CenterWithReport: Encodable, Sendable {
        let report: [Linked<ServiceCenterReport.RuleResult>]
    }

    static func center(_ facts: OrganizationProfile.CenterFacts, code: String) -> Linked<OrganizationProfile.CenterFacts> {
        Linked(facts, url: URLBuilder.path(.serviceCenter(code: code)), key: "report_url")
    }

    enum CodingKeys: String, CodingKey {
        case code, name, type, authority, supervisor, founded, capital, address, scope, status, region, grade, inspections,
            credit, notices, regulations, url
        case legalRep = "legal_rep"
        case certUntil = "cert_until"
        case creditStatus = "credit_status"
        case creditStatusLabel = "credit_status_label"
        case serviceCenter = "service_center"
        case asOf = "as_of"
        case registration
    }

    /// The registration banner (已撤销, 已注销, 证书已过期) with its sentence and the notice's address.
    struct RegistrationBody: Encodable {
        let banner: RegistrationBanner
        enum CodingKeys: String, CodingKey { case sentence, noticeURL = "notice_url" }
        func encode(to encoder: any Encoder) throws {
            try banner.encode(to: encoder)
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(banner.sentence, forKey: .sentence)
            try c.encodeIfPresent(banner.noticeId.map { URLBuilder.path(.notice(id: $0)) }, forKey: .noticeURL)
        }
    }

    func encode(to encoder: any Encoder) throws {
        let p = profile
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(p.code, forKey: .code)
        try c.encode(p.name, forKey: .name)
        try c.encode(p.type, forKey: .type)
        try c.encode(p.authority, forKey: .authority)
        try c.encodeIfPresent(p.supervisor, forKey: .supervisor)
        try c.encodeIfPresent(p.legalRep, forKey: .legalRep)
        try c.encode(p.founded, forKey: .founded)
        try c.encodeIfPresent(p.capital, forKey: .capital)
        try c.encodeIfPresent(p.address, forKey: .address)
        try c.encodeIfPresent(p.scope, forKey: .scope)
        try c.encode(p.status, forKey: .status)
        try c.encodeIfPresent(p.certUntil, forKey: .certUntil)
        try c.encodeIfPresent(p.region, forKey: .region)
        try c.encodeIfPresent(p.grade, forKey: .grade)
        try c.encode(p.inspections, forKey: .inspections)
        try c.encode(p.creditStatus, forKey: .creditStatus)
        try c.encode(p.creditStatusLabel, forKey: .creditStatusLabel)
        // Null when none applies: the JSON has the same keys for every organization.
        try c.encode(p.registrationBanner.map(RegistrationBody.init), forKey: .registration)
        try c.encode(p.credit, forKey: .credit)
        try c.encode(p.notices.map { Linked($0, url: URLBuilder.path(.notice(id: $0.id))) }, forKey: .notices)
        try c.encode(p.regulations.map { Linked($0, url: URLBuilder.path(.policy(id: $0.id))) }, forKey: .regulations)
        if let facts = p.serviceCenter {
            let center = Self.center(facts, code: p.code)
            if let report {
                try c.encode(Merged(center, CenterWithReport(report: ServiceCenterReportBody(report).results)), forKey: .serviceCenter)
            } else {
                try c.encode(center, forKey: .serviceCenter)
            }
        }
        try c.encode(URLBuilder.path(.organization(code: p.code)), forKey: .url)
        try c.encode(p.asOf, forKey: .asOf)
    }
}
