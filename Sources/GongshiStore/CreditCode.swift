/// A 统一社会信用代码 (unified social credit code) as defined by GB 32100-2015.
///
/// 18 characters from a 31-character alphabet (no I, O, Z, S, V); the last one is a
/// check character computed from the first 17 with fixed weights.
public struct CreditCode: Hashable, Sendable, CustomStringConvertible {
    public let value: String

    static let alphabet: [Character] = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    static let alphabetBytes: [UInt8] = alphabet.compactMap(\.asciiValue)
    /// ASCII byte -> value in the alphabet, or -1.
    static let values: [Int] = {
        var table = [Int](repeating: -1, count: 128)
        for (i, c) in alphabet.enumerated() { table[Int(c.asciiValue!)] = i }
        return table
    }()

    static func value(of c: Character) -> Int? {
        guard let ascii = c.asciiValue else { return nil }
        let v = values[Int(ascii)]
        return v < 0 ? nil : v
    }
    static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    /// Why a string is not a valid code, in words shown to staff.
    public enum Problem: Error, Equatable, Sendable {
        case length(Int)
        case character(Character, position: Int)
        case checkCharacter(expected: Character, found: Character)

        public var message: String {
            switch self {
            case .length(let n): return "长度应为18位，实际为\(n)位"
            case .character(let c, let p): return "第\(p)位字符“\(c)”不是合法的代码字符"
            case .checkCharacter(let e, let f): return "校验码错误：应为\(e)，实际为\(f)"
            }
        }
    }

    /// Validates and upper-cases `text` (full-width letters and digits are accepted).
    public init(validating text: String) throws(Problem) {
        let folded = CreditCode.fold(text)
        // Fast path (every row of an organization file): 18 valid ASCII code characters.
        if let sum = CreditCode.asciiSum(folded.utf8),
            folded.utf8.last == CreditCode.alphabetBytes[CreditCode.checkIndex(sum: sum)]
        {
            value = folded
            return
        }
        let chars = Array(folded)
        guard chars.count == 18 else { throw .length(chars.count) }
        var sum = 0
        for (i, c) in chars.prefix(17).enumerated() {
            guard let v = CreditCode.value(of: c) else { throw .character(c, position: i + 1) }
            sum += v * CreditCode.weights[i]
        }
        guard CreditCode.value(of: chars[17]) != nil else { throw .character(chars[17], position: 18) }
        let expected = CreditCode.checkCharacter(sum: sum)
        guard chars[17] == expected else { throw .checkCharacter(expected: expected, found: chars[17]) }
        value = folded
    }

    /// Builds a valid code from its first 17 characters by appending the check character.
    /// Returns nil if any character is outside the alphabet or the length is not 17.
    public static func complete(_ body: String) -> CreditCode? {
        let chars = Array(body)
        guard chars.count == 17 else { return nil }
        var sum = 0
        for (i, c) in chars.enumerated() {
            guard let v = value(of: c) else { return nil }
            sum += v * weights[i]
        }
        return try? CreditCode(validating: body + String(checkCharacter(sum: sum)))
    }

    /// True when `text` looks like it is meant to be a code (18 code characters), valid or not.
    public static func looksLikeCode(_ text: String) -> Bool {
        let chars = Array(fold(text))
        return chars.count == 18 && chars.allSatisfy { alphabet.contains($0) || $0 == "I" || $0 == "O" || $0 == "Z" || $0 == "S" || $0 == "V" }
            && chars.contains(where: \.isNumber)
    }

    /// The weighted sum of the first 17 characters when `utf8` is 18 ASCII characters of
    /// the alphabet; nil otherwise (the Character path then finds what is wrong).
    static func asciiSum(_ utf8: String.UTF8View) -> Int? {
        guard utf8.count == 18 else { return nil }
        var sum = 0
        for (i, byte) in utf8.enumerated() {
            guard byte < 128 else { return nil }
            let v = values[Int(byte)]
            guard v >= 0 else { return nil }
            if i < 17 { sum += v * weights[i] }
        }
        return sum
    }

    static func checkIndex(sum: Int) -> Int { (31 - sum % 31) % 31 }

    static func checkCharacter(sum: Int) -> Character { alphabet[checkIndex(sum: sum)] }

    static func fold(_ text: String) -> String {
        // Fast path: already upper-case ASCII without spaces.
        if text.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) }) { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            var v = scalar.value
            if v >= 0xFF01 && v <= 0xFF5E { v -= 0xFEE0 }  // full-width ASCII
            guard let s = Unicode.Scalar(v) else { continue }
            if s == " " || s == "\u{3000}" { continue }
            out.unicodeScalars.append(s)
        }
        return out.uppercased()
    }

    public var description: String { value }
}
