/// How sure the answer is, from the scores: `high` when the best article covers most of
/// what the question asks (or a curated FAQ matches closely), `low` when nothing does.
public enum AnswerConfidence: String, Codable, Sendable {
    case high, medium, low

    /// Share of the question's concept weight the best answer covers, at least.
    static let highCoverage = 0.65
    static let mediumCoverage = 0.4
    /// FAQ similarity (Dice over concepts) that counts as a close match.
    static let closeFAQ = 0.6

    /// `coverage`: weighted share of concepts found in the best article (text, title or
    /// chapter); `bodyCoverage`: the share found in its text alone.
    static func from(coverage: Double, bodyCoverage: Double, faqSimilarity: Double) -> AnswerConfidence {
        if faqSimilarity >= closeFAQ { return .high }
        if coverage >= highCoverage && bodyCoverage >= 0.4 { return .high }
        if coverage >= mediumCoverage && bodyCoverage >= 0.25 { return .medium }
        return .low
    }
}
