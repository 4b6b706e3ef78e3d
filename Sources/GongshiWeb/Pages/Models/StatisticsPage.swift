import GongshiDisclosure

/// `/stats`: the JSON twin's figures (`Statistics`) and a chart with its data table each.
struct StatisticsPage: PageModel {
    static let template = "stats"

    struct Chart: Encodable {
        let id: String
        let title: String
        /// SVG and HTML drawn by `SVGChart`, every text escaped.
        let svg: String
        let table: String
    }
    struct Extra: Encodable {
        let charts: [Chart]
    }

    let statistics: Statistics
    let extra: Extra

    func encode(to encoder: any Encoder) throws { try Merged(statistics, extra).encode(to: encoder) }
}
