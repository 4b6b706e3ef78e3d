import Foundation
import GongshiStore

/// Calendar days as `YYYY-MM-DD` strings, the form the index stores. "Today" is always
/// passed into the directory, so tests can pin it; `today()` is the day in China.
public enum DisclosureDate {
    /// Today's date in Asia/Shanghai.
    public static func today(now: Date = Date()) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600) ?? .current
        let c = calendar.dateComponents([.year, .month, .day], from: now)
        return CalendarDate.iso(c.year ?? 1970, c.month ?? 1, c.day ?? 1)
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
            CalendarDate.isValid(year: y, month: m, day: d)
        else { return nil }
        return (y, m, d)
    }

    public static func isValid(_ text: String) -> Bool { parts(text) != nil }

    /// The same day `years` later (29 February becomes 28 February in a common year).
    public static func adding(years: Int, to text: String) -> String? {
        guard let (y, m, d) = parts(text) else { return nil }
        return CalendarDate.iso(y + years, m, min(d, CalendarDate.daysIn(month: m, year: y + years)))
    }
}
