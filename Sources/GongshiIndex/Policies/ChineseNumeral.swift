/// Values of Chinese numerals as used in article and section numbers (十, 二十三, 一百零五).
enum ChineseNumeral {
    static let digits: [Character: Int] = [
        "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
        "六": 6, "七": 7, "八": 8, "九": 9,
    ]
    static let units: [Character: Int] = ["十": 10, "百": 100, "千": 1000]

    static func isNumeral(_ c: Character) -> Bool { digits[c] != nil || units[c] != nil }

    static func value(_ text: Substring) -> Int? {
        guard !text.isEmpty else { return nil }
        if text.allSatisfy({ $0.isASCII && $0.isNumber }) { return Int(text) }
        var total = 0
        var pending = 0
        for c in text {
            if let d = digits[c] {
                pending = d
            } else if let u = units[c] {
                total += (pending == 0 ? 1 : pending) * u
                pending = 0
            } else {
                return nil
            }
        }
        return total + pending
    }

    static func string(_ n: Int) -> String {
        let names = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        if n < 10 { return names[n] }
        if n < 20 { return "十" + (n % 10 == 0 ? "" : names[n % 10]) }
        if n < 100 { return names[n / 10] + "十" + (n % 10 == 0 ? "" : names[n % 10]) }
        if n < 1000 {
            let rest = n % 100
            let head = names[n / 100] + "百"
            if rest == 0 { return head }
            if rest < 10 { return head + "零" + names[rest] }
            return head + (rest < 20 ? "一" : "") + string(rest)
        }
        return String(n)
    }
}
