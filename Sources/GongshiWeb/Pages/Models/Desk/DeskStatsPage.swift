/// `/desk/stats`: the consultations counted by channel, status, tag and month.
struct DeskStatsPage: PageModel {
    static let template = "desk-stats"

    let total: Int
    let charts: [StatisticsPage.Chart]
}
