/// 文号 (document numbers) such as 青民〔2016〕45号, which people type with whatever
/// brackets their keyboard offers: [] () （） 【】 ［］ 〔〕 or none.
public enum DocumentNumber {
    static let brackets: Set<Character> = ["〔", "〕", "[", "]", "(", ")", "（", "）", "【", "】", "［", "］", "〖", "〗", "{", "}", " ", "\u{3000}"]

    /// The comparison key: brackets and spaces removed, full-width digits folded.
    public static func key(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if brackets.contains(Character(scalar)) { continue }
            if scalar.value >= 0xFF10 && scalar.value <= 0xFF19, let folded = Unicode.Scalar(scalar.value - 0xFEE0) {
                out.unicodeScalars.append(folded)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// True when `text` has the shape of a 文号: issuer characters, a 4-digit year in
    /// any brackets, a serial number and 号.
    public static func looksLikeNumber(_ text: String) -> Bool {
        let k = key(text)
        guard k.hasSuffix("号"), let yearStart = k.firstIndex(where: { $0.isASCII && $0.isNumber }) else { return false }
        let issuer = k[..<yearStart]
        let digits = k[yearStart...].dropLast()
        return !issuer.isEmpty && digits.count >= 5 && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }
}
