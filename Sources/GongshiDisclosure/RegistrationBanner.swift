/// The registration status a person must see first on an organization's page: revoked
/// (已撤销) or deregistered (已注销) with the date and the decision, or a registration
/// certificate past its validity (证书已过期) for an organization still marked 正常.
/// Nil when none applies. Computed from the profile's own records, so the page, its JSON
/// twin and any list that has the same facts agree.
public struct RegistrationBanner: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        case revoked, deregistered, certificateExpired = "certificate_expired"
    }

    public var kind: Kind
    /// 已撤销, 已注销, 证书已过期.
    public var label: String
    /// The day of the decision or of the certificate's end; nil when no record says.
    public var date: String?
    /// 决定书文号 of a revocation, when a penalty record carries it.
    public var decisionNo: String?
    /// 决定机关.
    public var authority: String?
    /// The reason given in the decision.
    public var reason: String?
    /// The notice that announced it (its id), when one is on record.
    public var noticeId: String?
    public var noticeTitle: String?

    enum CodingKeys: String, CodingKey {
        case kind, label, date, authority, reason
        case decisionNo = "decision_no"
        case noticeId = "notice_id"
        case noticeTitle = "notice_title"
    }

    /// One sentence for the page, in plain Chinese.
    public var sentence: String {
        switch kind {
        case .revoked:
            var text = "该组织已被撤销登记"
            if let date { text += "（\(authority.map { "\($0)于" } ?? "")\(date)作出决定\(decisionNo.map { "，\($0)" } ?? "")）" }
            if let reason { text += "，事由：\(reason)" }
            return text + "。撤销后不得再以该组织名义开展活动。"
        case .deregistered:
            return "该组织已注销登记\(date.map { "（\($0)）" } ?? "")，不再是登记在册的社会组织。"
        case .certificateExpired:
            return "登记证书有效期至 \(date ?? "")，已过期；登记状态仍为正常，请向登记管理机关核实。"
        }
    }

    /// The banner for an organization's status, records and notices, evaluated on `today`.
    public static func make(
        status: String, certUntil: String?, penalties: [CreditEntry],
        notices: [OrganizationProfile.NoticeLink], today: String
    ) -> RegistrationBanner? {
        func notice(_ kind: String) -> OrganizationProfile.NoticeLink? {
            notices.filter { $0.kind == kind }.max { $0.date < $1.date }
        }
        switch status {
        case "已撤销":
            let decision = penalties.filter { ($0.result ?? "").contains("撤销") }.max { $0.date < $1.date }
            let announced = notice("撤销登记")
            return RegistrationBanner(
                kind: .revoked, label: "已撤销", date: decision?.date ?? announced?.date,
                decisionNo: decision?.decisionNo, authority: decision?.authority ?? announced?.issuer,
                reason: decision?.reason, noticeId: announced?.id, noticeTitle: announced?.title)
        case "已注销":
            let announced = notice("注销登记")
            return RegistrationBanner(
                kind: .deregistered, label: "已注销", date: announced?.date, authority: announced?.issuer,
                noticeId: announced?.id, noticeTitle: announced?.title)
        default:
            guard let certUntil, certificateHasRunOut(certUntil, today: today) else { return nil }
            return RegistrationBanner(kind: .certificateExpired, label: "证书已过期", date: certUntil)
        }
    }

    /// Whether a certificate valid until `certUntil` (`YYYY-MM-DD`, possibly unset) has run out on `today`.
    static func certificateHasRunOut(_ certUntil: String?, today: String) -> Bool {
        guard let certUntil, !certUntil.isEmpty else { return false }
        return certUntil < today
    }

    /// The 证书已过期 badge of lists and suggestions: registered (正常) on paper, certificate run out.
    static func listsExpiredCertificate(status: String, certUntil: String?, today: String) -> Bool {
        status == "正常" && certificateHasRunOut(certUntil, today: today)
    }
}

extension OrganizationProfile {
    /// The registration banner of this profile (see `RegistrationBanner`).
    public var registrationBanner: RegistrationBanner? {
        RegistrationBanner.make(status: status, certUntil: certUntil, penalties: credit.penalties, notices: notices, today: asOf)
    }
}
