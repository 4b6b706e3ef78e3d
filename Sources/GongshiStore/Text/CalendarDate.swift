/// Gregorian calendar arithmetic on plain numbers, shared by the corpus readers, the
/// generator and the transparency pages (dates are stored as `YYYY-MM-DD` text).
public enum CalendarDate {
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// True for a day that exists between 1900 and 2100 (the range the corpus accepts).
    public static func isValid(year: Int, month: Int, day: Int) -> Bool {
        (1900...2100).contains(year) && (1...12).contains(month) && day >= 1 && day <= daysIn(month: month, year: year)
    }

    /// `YYYY-MM-DD`, without Foundation's String(format:), which is slow in a hot loop.
    public static func iso(_ year: Int, _ month: Int, _ day: Int) -> String {
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}
