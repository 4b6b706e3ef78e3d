import GongshiStore

/// How a service center measures up to the standards of `Corpus/rules/service-centers.yaml`.
public struct ServiceCenterReport: Codable, Sendable, Equatable {
    public enum Outcome: String, Codable, Sendable, CaseIterable {
        case met
        case notMet = "not_met"
        /// The corpus lacks the figure the rule needs.
        case unknown
        /// The rule does not apply yet (a grade is required only once the center is two years old).
        case notApplicable = "not_applicable"

        public var label: String {
            switch self {
            case .met: return "达标"
            case .notMet: return "未达标"
            case .unknown: return "数据缺失，无法判断"
            case .notApplicable: return "尚未适用"
            }
        }
    }

    public struct RuleResult: Codable, Sendable, Equatable {
        public var ruleId: String
        public var title: String
        public var outcome: Outcome
        public var outcomeLabel: String
        /// The figures compared, in words (服务组织 295 家，应至少配备 6 名专职工作人员，现有 6 名).
        public var detail: String
        /// The rule quoted from the policy.
        public var text: String
        public var documentId: String
        public var anchor: String

        enum CodingKeys: String, CodingKey {
            case title, outcome, detail, text, anchor
            case ruleId = "rule_id"
            case outcomeLabel = "outcome_label"
            case documentId = "document_id"
        }
    }

    public var code: String
    public var name: String
    public var founded: String
    public var center: OrganizationProfile.CenterFacts
    public var grade: OrganizationProfile.GradeInfo?
    public var results: [RuleResult]
    public var asOf: String

    enum CodingKeys: String, CodingKey {
        case code, name, founded, center, grade, results
        case asOf = "as_of"
    }

    /// Evaluates one rule (a pure function: the tests call it directly).
    public static func evaluate(
        _ rule: ServiceCenterRule, center: OrganizationProfile.CenterFacts, founded: String,
        grade: OrganizationProfile.GradeInfo?, today: String
    ) -> RuleResult {
        let (outcome, detail) = judge(rule, center: center, founded: founded, grade: grade, today: today)
        return RuleResult(
            ruleId: rule.id, title: rule.title, outcome: outcome, outcomeLabel: outcome.label, detail: detail,
            text: rule.text, documentId: rule.document, anchor: rule.anchor)
    }

    /// Whether `rule` concerns a center of `level` in `region`.
    public static func applies(_ rule: ServiceCenterRule, level: String, region: String?) -> Bool {
        guard rule.levels.contains(level) else { return false }
        guard let regions = rule.regions, !regions.isEmpty else { return true }
        guard let region else { return false }
        return regions.contains { region.hasPrefix($0) }
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e12 ? String(Int(value)) : String(value)
    }

    private static func judge(
        _ rule: ServiceCenterRule, center: OrganizationProfile.CenterFacts, founded: String,
        grade: OrganizationProfile.GradeInfo?, today: String
    ) -> (Outcome, String) {
        let value = rule.value ?? 0
        switch rule.measure {
        case .staffPerServed:
            guard let served = center.served, let staff = center.staff else {
                return (.unknown, "缺少服务组织数或专职工作人员数")
            }
            let required = value > 0 ? Int((Double(served) / value).rounded(.up)) : 0
            let text = "服务组织 \(served) 家，按每 \(number(value)) 家 1 名应至少配备 \(required) 名专职工作人员，现有 \(staff) 名"
            return (staff >= required ? .met : .notMet, text)
        case .minimumStaff:
            guard let staff = center.staff else { return (.unknown, "缺少专职工作人员数") }
            let text = "专职工作人员应不少于 \(number(value)) 名，现有 \(staff) 名"
            return (Double(staff) >= value ? .met : .notMet, text)
        case .minimumArea:
            guard let area = center.area else { return (.unknown, "缺少办公面积") }
            let text = "办公面积应不少于 \(number(value)) 平方米，现为 \(number(area)) 平方米"
            return (area >= value ? .met : .notMet, text)
        case .minimumGrade:
            let years = rule.afterYears ?? 0
            let required = rule.grade ?? "3A"
            guard let due = DisclosureDate.adding(years: years, to: founded) else { return (.unknown, "成立登记日期无效") }
            if due > today {
                return (.notApplicable, "成立于 \(founded)，满 \(years) 年（\(due)）后须达到 \(required) 及以上评估等级")
            }
            guard let grade else { return (.notMet, "成立已满 \(years) 年，尚无评估等级（应为 \(required) 及以上）") }
            if grade.expired {
                return (.notMet, "评估等级 \(grade.grade) 已于 \(grade.validUntil) 过期（应为 \(required) 及以上）")
            }
            let rank = Organization.grades.firstIndex(of: grade.grade) ?? Organization.grades.count
            let needed = Organization.grades.firstIndex(of: required) ?? 0
            let text = "现有评估等级 \(grade.grade)（有效期至 \(grade.validUntil)），应为 \(required) 及以上"
            return (rank <= needed ? .met : .notMet, text)
        }
    }
}
