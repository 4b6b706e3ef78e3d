/// The most characters a record field may have (documented in docs/corpus-formats.md).
/// A longer value rejects its row: one 10 MB cell would otherwise make a 10 MB page and a
/// server answering it hundreds of MB of memory.
public enum FieldLimits {
    /// Codes, dates, enumerated values and numbers.
    static let short = 64
    /// Names, authorities, addresses, titles, reasons.
    static let text = 500
    /// Any other field.
    static let otherwise = 2_000
    /// A JSON Lines line, before it is parsed.
    static let line = 256 * 1024

    public static func limits(for kind: RecordKind) -> [String: Int] {
        var out: [String: Int] = [:]
        for (key, _) in kind.fields { out[key] = text }
        for key in [
            "code", "type", "founded", "capital", "status", "grade", "grade_from", "grade_until", "cert_until",
            "center_level", "center_served", "center_staff", "center_area", "list", "date", "removed_on", "id", "kind",
        ] {
            out[key] = short
        }
        switch kind {
        case .orgs:
            out["scope"] = 5_000
            out["inspections"] = 1_000
        case .credit:
            out["reason"] = 5_000
            out["removal_reason"] = 2_000
        case .notices:
            out["orgs"] = 20_000  // up to about 1,000 codes
            out["body"] = 50_000
        }
        return out
    }
}
