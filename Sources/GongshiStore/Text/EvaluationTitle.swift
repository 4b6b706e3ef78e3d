import Foundation

/// How evaluation sets name documents: titles compare without a leading 中华人民共和国
/// and trailing parentheses (民法典's 节选 note), so both evaluations agree on a match.
public enum EvaluationTitle {
    public static func normalized(_ title: String) -> String {
        var t = title.trimmingCharacters(in: .whitespaces)
        if t.hasPrefix("中华人民共和国") { t.removeFirst("中华人民共和国".count) }
        while let last = t.last, last == ")" || last == "）", let open = t.lastIndex(where: { $0 == "(" || $0 == "（" }) {
            t = String(t[..<open]).trimmingCharacters(in: .whitespaces)
        }
        return t
    }
}
