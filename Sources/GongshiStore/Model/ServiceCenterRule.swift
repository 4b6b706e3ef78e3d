/// A standard a 社会组织服务中心 must meet, as data: a district with other standards edits
/// `Corpus/rules/service-centers.yaml`, not code. The text is quoted exactly from the
/// policy passage at `document`#`anchor` (the indexer checks the quote is there).
public struct ServiceCenterRule: Codable, Sendable, Equatable {
    /// What is measured, and how the rule's numbers are read.
    public enum Measure: String, Codable, Sendable, CaseIterable {
        /// At least one full-time staff member per `value` organizations served (rounded up).
        case staffPerServed = "staff_per_served"
        /// At least `value` full-time staff.
        case minimumStaff = "minimum_staff"
        /// Office area of at least `value` 平方米.
        case minimumArea = "minimum_area"
        /// A valid grade of `grade` or above once the center is `after_years` years old.
        case minimumGrade = "minimum_grade"
    }

    public var id: String
    /// Short name shown to users (人员配备（区级）).
    public var title: String
    /// Center levels the rule applies to (区级, 街镇, 行业).
    public var levels: [String]
    /// Regions (prefix of the organization's 所属区域) the rule applies to; nil = everywhere.
    public var regions: [String]?
    public var measure: Measure
    public var value: Double?
    public var grade: String?
    public var afterYears: Int?
    /// Policy document id and unit anchor of the passage the rule comes from.
    public var document: String
    public var anchor: String
    /// The rule's words, quoted exactly from the passage.
    public var text: String

    public init(
        id: String, title: String, levels: [String], regions: [String]? = nil, measure: Measure, value: Double? = nil,
        grade: String? = nil, afterYears: Int? = nil, document: String, anchor: String, text: String
    ) {
        self.id = id
        self.title = title
        self.levels = levels
        self.regions = regions
        self.measure = measure
        self.value = value
        self.grade = grade
        self.afterYears = afterYears
        self.document = document
        self.anchor = anchor
        self.text = text
    }

    enum CodingKeys: String, CodingKey {
        case id, title, levels, regions, measure, value, grade, document, anchor, text
        case afterYears = "after_years"
    }

    /// Why the rule cannot be evaluated as written, or nil.
    public var problem: String? {
        if id.isEmpty { return "缺少规则编号" }
        if levels.isEmpty { return "未指定适用的服务中心级别" }
        switch measure {
        case .staffPerServed, .minimumStaff, .minimumArea:
            guard let value, value > 0 else { return "缺少大于 0 的数值（value）" }
        case .minimumGrade:
            guard let grade, Organization.grades.contains(grade) else { return "评估等级（grade）应为 \(Organization.grades.joined(separator: "、"))" }
            guard let afterYears, afterYears >= 0 else { return "缺少成立年限（after_years）" }
        }
        if text.isEmpty { return "缺少规则原文（text）" }
        return nil
    }
}
