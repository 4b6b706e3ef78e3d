/// Numbers written either way: 五十 ⇄ 50, 三 ⇄ 3. Shared by the indexer and the Q&A, which
/// must match a question's 五十个 with a regulation's 50个 and the other way round.
public enum NumberForms {
    static let digits: [Character: Int] = [
        "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
        "六": 6, "七": 7, "八": 8, "九": 9,
    ]
    static let units: [Character: Int] = ["十": 10, "百": 100, "千": 1000, "万": 10_000]

    public static func isChineseNumeral(_ c: Character) -> Bool { digits[c] != nil || units[c] != nil }

    /// The value of Arabic digits or a Chinese numeral (十, 二十三, 一百零五, 三万); nil otherwise.
    public static func value<S: StringProtocol>(_ text: S) -> Int? {
        guard !text.isEmpty, text.count <= 12 else { return nil }
        if text.allSatisfy({ $0.isASCII && $0.isNumber }) { return Int(text) }
        var total = 0
        var section = 0
        var pending = 0
        for c in text {
            if let d = digits[c] {
                pending = d
            } else if c == "万" {
                total += (section + pending) * 10_000
                section = 0
                pending = 0
            } else if let u = units[c] {
                section += (pending == 0 ? 1 : pending) * u
                pending = 0
            } else {
                return nil
            }
        }
        return total + section + pending
    }

    /// Chinese numeral for 0..<100_000 as regulations write it (二十, 一百零五, 五万); nil otherwise.
    public static func chinese(_ n: Int) -> String? {
        guard n >= 0, n < 100_000 else { return nil }
        let names = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        if n < 10 { return names[n] }
        if n < 20 { return "十" + (n % 10 == 0 ? "" : names[n % 10]) }
        var out = ""
        var zero = false
        for (unit, name) in [(10_000, "万"), (1000, "千"), (100, "百"), (10, "十"), (1, "")] {
            let d = (n / unit) % 10
            if d == 0 {
                if !out.isEmpty { zero = true }
                continue
            }
            if zero {
                out += "零"
                zero = false
            }
            out += names[d] + name
        }
        return out
    }
}
