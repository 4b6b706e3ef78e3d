import GongshiStore

/// A date as a day number (days since 1970-01-01, proleptic Gregorian), with the
/// arithmetic the generator needs and a fast `YYYY-MM-DD` rendering. No Foundation
/// calendars, no time zones, so output never depends on the machine.
struct CalendarDay: Comparable, Hashable, Sendable {
    let number: Int

    init(number: Int) { self.number = number }

    /// A valid date; days past the end of the month are clamped (Feb 30 -> Feb 28/29).
    init(_ year: Int, _ month: Int, _ day: Int) {
        let d = min(day, CalendarDate.daysIn(month: month, year: year))
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        number = era * 146_097 + doe - 719_468
    }

    var components: (year: Int, month: Int, day: Int) {
        let z = number + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    var year: Int { components.year }

    /// `YYYY-MM-DD`.
    var text: String {
        let (y, m, d) = components
        let bytes: [UInt8] = [
            UInt8(48 + y / 1000 % 10), UInt8(48 + y / 100 % 10), UInt8(48 + y / 10 % 10), UInt8(48 + y % 10), 45,
            UInt8(48 + m / 10), UInt8(48 + m % 10), 45, UInt8(48 + d / 10), UInt8(48 + d % 10),
        ]
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `2023年6月18日`, as dates are written in notice bodies.
    var chineseText: String {
        let (y, m, d) = components
        return "\(y)年\(m)月\(d)日"
    }

    func adding(days: Int) -> CalendarDay { CalendarDay(number: number + days) }

    /// The same month and day `years` later (29 February becomes 28 February).
    func adding(years: Int) -> CalendarDay {
        let (y, m, d) = components
        return CalendarDay(y + years, m, d)
    }

    /// A uniformly chosen day in `low...high` (`low` when the range is empty).
    static func random(_ low: CalendarDay, _ high: CalendarDay, _ random: inout SeededRandom) -> CalendarDay {
        guard high.number > low.number else { return low }
        return CalendarDay(number: low.number + random.next(below: high.number - low.number + 1))
    }

    static func < (a: CalendarDay, b: CalendarDay) -> Bool { a.number < b.number }
}
