/// Charts drawn on the server as inline SVG, readable without JavaScript: `role="img"`,
/// `aria-labelledby` a `<title>` and `<desc>`, values written beside the bars, and an HTML
/// table with the same numbers (`table`) for screen readers and copying.
public enum SVGChart {
    public struct Datum: Sendable, Equatable {
        public var label: String
        public var value: Int
        /// The list this bar counts (a bar with a URL is a link).
        public var url: String?
        public init(_ label: String, _ value: Int, url: String? = nil) {
            self.label = label
            self.value = value
            self.url = url
        }
    }

    /// Horizontal bars, each label above its bar so long Chinese labels get the whole width.
    /// Drawn 360 units wide and scaled by the page (viewBox): at a phone's width a label is
    /// about 15 px; the large-font mode enlarges the `label` and `value` classes.
    public static func bars(id: String, title: String, data: [Datum], width: Int = 360, unit: String = "") -> String {
        let rowHeight = 48
        let valueWidth = 64
        let top = 4
        let height = top * 2 + max(1, data.count) * rowHeight
        let maxValue = max(1, data.map(\.value).max() ?? 1)
        let barSpace = Double(width - valueWidth)
        let ids = identifiers(id)
        let linked = data.contains { $0.url != nil }
        var svg = header(ids: ids, title: title, description: summary(data), width: width, height: height, linked: linked)
        for (i, datum) in data.enumerated() {
            let y = top + i * rowHeight
            let length = Double(max(0, datum.value)) / Double(maxValue) * barSpace
            let label = XMLText.escape(datum.label)
            let row = """
                <text class="label" x="0" y="\(y + 18)" font-size="15">\(label)</text>\
                <rect x="0" y="\(y + 25)" width="\(format(max(length, 1)))" height="16" fill="#2b6cb0"><title>\(label)：\(datum.value)</title></rect>\
                <text class="value" x="\(format(length + 6))" y="\(y + 38)" font-size="14">\(datum.value)</text>
                """
            if let url = datum.url {
                svg += "<a href=\"\(XMLText.escape(url))\" aria-label=\"\(label)：\(datum.value)\(XMLText.escape(unit))，查看名单\">\(row)</a>\n"
            } else {
                svg += "<g>\(row)</g>\n"
            }
        }
        return svg + "</svg>\n"
    }

    /// A line over ordered points (years, months); about four axis labels, the first and the
    /// last kept inside the picture.
    public static func line(id: String, title: String, data: [Datum], width: Int = 360, height: Int = 220) -> String {
        let left = 44.0
        let right = 8.0
        let top = 16.0
        let bottom = 40.0
        let maxValue = max(1, data.map(\.value).max() ?? 1)
        let plotWidth = Double(width) - left - right
        let plotHeight = Double(height) - top - bottom
        let step = data.count > 1 ? plotWidth / Double(data.count - 1) : 0
        let ids = identifiers(id)
        var svg = header(ids: ids, title: title, description: summary(data), width: width, height: height, linked: false)
        svg +=
            "<line x1=\"\(format(left))\" y1=\"\(format(top + plotHeight))\" x2=\"\(format(left + plotWidth))\" y2=\"\(format(top + plotHeight))\" stroke=\"#888\"/>\n"
        svg += "<text class=\"value\" x=\"\(format(left - 6))\" y=\"\(format(top + 4))\" text-anchor=\"end\" font-size=\"13\">\(maxValue)</text>\n"
        svg += "<text class=\"value\" x=\"\(format(left - 6))\" y=\"\(format(top + plotHeight))\" text-anchor=\"end\" font-size=\"13\">0</text>\n"
        let points = data.enumerated().map { i, d in
            (left + Double(i) * step, top + plotHeight - Double(max(0, d.value)) / Double(maxValue) * plotHeight)
        }
        if !points.isEmpty {
            svg +=
                "<polyline fill=\"none\" stroke=\"#2b6cb0\" stroke-width=\"2\" points=\"\(points.map { "\(format($0.0)),\(format($0.1))" }.joined(separator: " "))\"/>\n"
        }
        let labelEvery = max(1, (data.count + 1) / 3)
        for (i, d) in data.enumerated() {
            svg +=
                "<circle cx=\"\(format(points[i].0))\" cy=\"\(format(points[i].1))\" r=\"3\" fill=\"#2b6cb0\"><title>\(XMLText.escape(d.label))：\(d.value)</title></circle>\n"
            let last = i == data.count - 1
            // The last label always; another only when it cannot run into the last one.
            if last || (i % labelEvery == 0 && data.count - 1 - i >= max(1, labelEvery / 2 + 1)) {
                let anchor = data.count == 1 ? "middle" : i == 0 ? "start" : last ? "end" : "middle"
                svg +=
                    "<text class=\"label\" x=\"\(format(points[i].0))\" y=\"\(format(top + plotHeight + 22))\" text-anchor=\"\(anchor)\" font-size=\"13\">\(XMLText.escape(d.label))</text>\n"
            }
        }
        return svg + "</svg>\n"
    }

    /// The text alternative: an HTML table with the same numbers.
    public static func table(caption: String, labelHeader: String, valueHeader: String = "数量", data: [Datum]) -> String {
        var html = "<table class=\"chart-data\">\n<caption>\(XMLText.escape(caption))</caption>\n"
        html += "<thead><tr><th scope=\"col\">\(XMLText.escape(labelHeader))</th><th scope=\"col\">\(XMLText.escape(valueHeader))</th></tr></thead>\n<tbody>\n"
        for d in data { html += "<tr><th scope=\"row\">\(XMLText.escape(d.label))</th><td>\(d.value)</td></tr>\n" }
        return html + "</tbody>\n</table>\n"
    }

    static func identifiers(_ id: String) -> (title: String, desc: String) {
        let safe = String(id.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-") }.map(Character.init))
        let base = safe.isEmpty ? "chart" : safe
        return (base + "-title", base + "-desc")
    }

    /// A chart whose bars are links is a group of links (an image's parts cannot be focused).
    static func header(ids: (title: String, desc: String), title: String, description: String, width: Int, height: Int, linked: Bool) -> String {
        """
        <svg xmlns="http://www.w3.org/2000/svg" role="\(linked ? "group" : "img")" aria-labelledby="\(ids.title) \(ids.desc)" aria-label="\(XMLText.escape(title))" \
        width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" font-family="sans-serif">
        <title id="\(ids.title)">\(XMLText.escape(title))</title>
        <desc id="\(ids.desc)">\(XMLText.escape(description))</desc>

        """
    }

    static func summary(_ data: [Datum]) -> String {
        data.isEmpty ? "暂无数据" : data.map { "\($0.label) \($0.value)" }.joined(separator: "，")
    }

    static func format(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
