import Foundation

/// Calendar days as `YYYY-MM-DD` strings, the form the index stores. "Today" is always
/// passed into the directory, so tests can pin it; `today()` is the day in China.
public enum DisclosureDate {
    /// Today's date in Asia/Shanghai.
    public static func today(now: Date = Date()) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600) ?? .current
        let c = calendar.dateComponents([.year, .month, .day], from: now)
        return format(c.year ?? 1970, c.month ?? 1, c.day ?? 1)
    }

    /// (year, month, day) of a valid `YYYY-MM-DD`, or nil.
    public static func parts(_ text: String) -> (year: Int, month: Int, day: Int)? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var n = 0
            for b in bytes[range] {
                guard b >= 48 && b <= 57 else { return nil }
                n = n * 10 + Int(b - 48)
            }
            return n
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10),
              (1900...2100).contains(y), (1...12).contains(m), d >= 1, d <= daysIn(month: m, year: y) else { return nil }
        return (y, m, d)
    }

    public static func isValid(_ text: String) -> Bool { parts(text) != nil }

    /// The same day `years` later (29 February becomes 28 February in a common year).
    public static func adding(years: Int, to text: String) -> String? {
        guard let (y, m, d) = parts(text) else { return nil }
        return format(y + years, m, min(d, daysIn(month: m, year: y + years)))
    }

    static func format(_ y: Int, _ m: Int, _ d: Int) -> String {
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
