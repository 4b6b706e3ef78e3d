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

extension DocumentNumber {
    /// A 文号 or decision number typed whole or in part: issuer characters, a 4-digit year,
    /// then optionally the serial number and 号 (青民〔2016〕45号, 青民〔2016〕45, 青民〔2016〕).
    public struct Shape: Sendable, Equatable {
        public let issuer: String
        public let year: String
        public let serial: String?

        /// From a `key(_:)` (brackets and spaces already removed).
        public init?(_ key: String) {
            var k = Substring(key)
            if k.hasSuffix("号") { k = k.dropLast() }
            guard let yearStart = k.firstIndex(where: { $0.isASCII && $0.isNumber }) else { return nil }
            let issuer = k[..<yearStart]
            let digits = k[yearStart...]
            guard issuer.count >= 2, issuer.allSatisfy({ !$0.isASCII }), digits.count >= 4, digits.count <= 10,
                digits.allSatisfy({ $0.isASCII && $0.isNumber }),
                let year = Int(digits.prefix(4)), (1949...2100).contains(year)
            else { return nil }
            self.issuer = String(issuer)
            self.year = String(digits.prefix(4))
            let serial = digits.dropFirst(4)
            self.serial = serial.isEmpty ? nil : String(serial)
        }

        /// The comparison key of the whole number (nil when the serial is missing).
        public var key: String? { serial.map { issuer + year + $0 + "号" } }
        /// The key prefix every number of this issuer and year starts with.
        public var prefix: String { issuer + year }

        /// The ways the number is written in records, one per bracket pair (records keep
        /// what the issuer wrote, usually 〔〕).
        public var writtenForms: [String] {
            let pairs = [("〔", "〕"), ("[", "]"), ("（", "）"), ("(", ")"), ("【", "】"), ("［", "］"), ("", "")]
            return pairs.map { issuer + $0.0 + year + $0.1 + (serial.map { $0 + "号" } ?? "") }
        }
    }
}
