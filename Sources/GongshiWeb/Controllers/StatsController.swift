import GongshiDisclosure

/// /stats and its JSON twin /api/stats.
struct StatsController {
    let site: Site

    private var directory: OrganizationDirectory { site.directory }

    /// GET /stats: SVG charts drawn on the server, each with its data table.
    func page(_ request: HTTPRequest) throws -> HTTPResponse {
        try site.pages.render(try model(), page: PageContext(request))
    }

    func model() throws -> StatisticsPage {
        let stats = try directory.statistics()
        func data(_ counts: [FacetCount], linking parameter: String? = nil) -> [SVGChart.Datum] {
            counts.map { count in
                SVGChart.Datum(count.label, count.count, url: parameter.flatMap { Self.listURL(parameter: $0, value: count.value) })
            }
        }
        let charts: [(String, String, String, Bool, [SVGChart.Datum])] = [
            ("by-type", "按组织类型", "组织类型", false, data(stats.byType, linking: "type")),
            ("by-year", "按成立登记年份", "年份", true, stats.byFoundedYear.map { SVGChart.Datum("\($0.year)", $0.count) }),
            ("grades", "评估等级分布", "评估等级", false, data(stats.grades, linking: "grade")),
            ("credit", "信用状况", "信用状况", false, data(stats.creditStatus, linking: "credit_status")),
            ("notices", "每月公告数", "月份", true, stats.noticesPerMonth.map { SVGChart.Datum($0.month, $0.count) }),
        ]
        let extra = StatisticsPage.Extra(
            charts: charts.map { id, title, header, line, values in
                .init(
                    id: id, title: title,
                    svg: line ? SVGChart.line(id: id, title: title, data: values) : SVGChart.bars(id: id, title: title, data: values, unit: "个"),
                    table: SVGChart.table(caption: title, labelHeader: header, data: values))
            })
        return StatisticsPage(statistics: stats, extra: extra)
    }

    /// The organization list a bar counts: /orgs?type=社会团体, ?grade=5A, ?credit_status=serious.
    /// Expired grades have no filter of their own: that bar is no link.
    static func listURL(parameter: String, value: String) -> String? {
        guard !(parameter == "grade" && value == "expired") else { return nil }
        return URLBuilder.url(URLBuilder.Route.organizations, [(parameter, value)])
    }

    /// GET /api/stats
    func json(_ request: HTTPRequest) throws -> HTTPResponse {
        .json(try directory.statistics())
    }
}
