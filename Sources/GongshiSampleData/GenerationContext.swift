/// What organizations of one run share: the seed, the names taken so far, the code
/// serials, the numbering of penalty decisions, and the dates of batch decisions.
/// Organizations are made one after another in index order, so the run is deterministic.
struct GenerationContext {
    let seed: UInt64
    var namer: OrganizationNamer
    let serials: CodeSerials
    /// Last penalty decision number per authority and year (`青民罚决字〔2023〕12号`).
    private var decisions: [[Int]]

    /// Years that can carry a date: founding from 1995, records up to the cutoff.
    static let firstYear = 1995
    static let lastYear = 2026
    /// Nothing is dated after this day.
    static let cutoff = CalendarDay(2026, 6, 30)
    /// The credit-information rules took effect on this day; earlier records are not kept.
    static let creditStart = CalendarDay(2018, 3, 1)

    init(seed: UInt64, organizations: Int) {
        self.seed = seed
        namer = OrganizationNamer(expected: organizations)
        serials = CodeSerials(seed: seed, organizations: organizations)
        decisions = Array(
            repeating: Array(repeating: 0, count: Self.lastYear - Self.firstYear + 1),
            count: RegistrationAuthority.all.count)
    }

    /// The next penalty decision number of `authority` in the year of `date`.
    mutating func decisionNumber(authority: Int, date: CalendarDay) -> String {
        let year = date.year
        decisions[authority][year - Self.firstYear] += 1
        return "\(RegistrationAuthority.all[authority].abbreviation)民罚决字〔\(year)〕\(decisions[authority][year - Self.firstYear])号"
    }

    /// The day an authority announced the evaluation grades of `year` (late in the year);
    /// every grade of that batch is valid from it.
    static func gradeDate(seed: UInt64, authority: Int, year: Int) -> CalendarDay {
        var random = SeededRandom(seed: seed, item: UInt64(authority * 10_000 + year), salt: 1)
        return CalendarDay(year, 11 + random.next(below: 2), 1 + random.next(below: 28))
    }

    /// The day an authority announced the annual-inspection results of `year` (the first
    /// batch; later batches follow a week apart, until the end of June).
    static func inspectionDate(seed: UInt64, authority: Int, year: Int, batch: Int) -> CalendarDay {
        var random = SeededRandom(seed: seed, item: UInt64(authority * 10_000 + year), salt: 2)
        let first = CalendarDay(year + 1, 3 + random.next(below: 3), 1 + random.next(below: 28))
        return min(first.adding(days: 7 * (batch - 1)), CalendarDay(year + 1, 6, 30))
    }
}
