import GongshiDisclosure

/// /stats and its JSON twin /api/stats.
struct StatsController {
    let site: Site

    private var directory: OrganizationDirectory { site.directory }

    /// GET /stats: SVG charts drawn on the server, each with its data table.
    func page(_ request: HTTPRequest) throws -> HTTPResponse {
        let stats = try directory.statistics()
        var context = TemplateData.from(stats)
        func data(_ counts: [FacetCount]) -> [SVGChart.Datum] { counts.map { SVGChart.Datum($0.label, $0.count) } }
        let charts: [(String, String, String, String, Bool, [SVGChart.Datum])] = [
            ("by-type", "按组织类型", "组织类型", "个", false, data(stats.byType)),
            ("by-year", "按成立登记年份", "年份", "个", true, stats.byFoundedYear.map { SVGChart.Datum("\($0.year)", $0.count) }),
            ("grades", "评估等级分布", "评估等级", "个", false, data(stats.grades)),
            ("credit", "信用状况", "信用状况", "个", false, data(stats.creditStatus)),
            ("notices", "每月公告数", "月份", "条", true, stats.noticesPerMonth.map { SVGChart.Datum($0.month, $0.count) }),
        ]
        context["charts"] = charts.map { id, title, header, _, line, values -> [String: Any] in
            ["id": id, "title": title,
             "svg": line ? SVGChart.line(id: id, title: title, data: values) : SVGChart.bars(id: id, title: title, data: values),
             "table": SVGChart.table(caption: title, labelHeader: header, data: values)]
        }
        return site.pages.render("stats", context, page: PageContext(request))
    }

    /// GET /api/stats
    func json(_ request: HTTPRequest) throws -> HTTPResponse {
        .json(try directory.statistics())
    }
}
