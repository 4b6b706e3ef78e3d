/// Charts drawn on the server as inline SVG, readable without JavaScript: `role="img"`,
/// `aria-labelledby` a `<title>` and `<desc>`, values written beside the bars, and an HTML
/// table with the same numbers (`table`) for screen readers and copying.
public enum SVGChart {
    public struct Datum: Sendable, Equatable {
        public var label: String
        public var value: Int
        public init(_ label: String, _ value: Int) {
            self.label = label
            self.value = value
        }
    }

    /// Horizontal bars: one row per datum, labels on the left (long Chinese labels fit).
    public static func bars(id: String, title: String, data: [Datum], width: Int = 640) -> String {
        let rowHeight = 26
        let labelWidth = 180
        let valueWidth = 70
        let top = 8
        let height = top * 2 + max(1, data.count) * rowHeight
        let maxValue = max(1, data.map(\.value).max() ?? 1)
        let barSpace = Double(width - labelWidth - valueWidth)
        let ids = identifiers(id)
        var svg = header(ids: ids, title: title, description: summary(data), width: width, height: height)
        for (i, datum) in data.enumerated() {
            let y = top + i * rowHeight
            let length = Double(max(0, datum.value)) / Double(maxValue) * barSpace
            svg += """
                <g><text x="\(labelWidth - 8)" y="\(y + 17)" text-anchor="end" font-size="13">\(XMLText.escape(datum.label))</text>\
                <rect x="\(labelWidth)" y="\(y + 4)" width="\(format(length))" height="\(rowHeight - 8)" fill="#2b6cb0"><title>\(XMLText.escape(datum.label))：\(datum.value)</title></rect>\
                <text x="\(format(Double(labelWidth) + length + 6))" y="\(y + 17)" font-size="13">\(datum.value)</text></g>

                """
        }
        return svg + "</svg>\n"
    }

    /// A line over ordered points (years, months); every `labelEvery`-th label shown.
    public static func line(id: String, title: String, data: [Datum], width: Int = 640, height: Int = 240) -> String {
        let left = 56.0
        let right = 16.0
        let top = 16.0
        let bottom = 40.0
        let maxValue = max(1, data.map(\.value).max() ?? 1)
        let plotWidth = Double(width) - left - right
        let plotHeight = Double(height) - top - bottom
        let step = data.count > 1 ? plotWidth / Double(data.count - 1) : 0
        let ids = identifiers(id)
        var svg = header(ids: ids, title: title, description: summary(data), width: width, height: height)
        svg +=
            "<line x1=\"\(format(left))\" y1=\"\(format(top + plotHeight))\" x2=\"\(format(left + plotWidth))\" y2=\"\(format(top + plotHeight))\" stroke=\"#888\"/>\n"
        svg += "<text x=\"\(format(left - 6))\" y=\"\(format(top + 4))\" text-anchor=\"end\" font-size=\"12\">\(maxValue)</text>\n"
        svg += "<text x=\"\(format(left - 6))\" y=\"\(format(top + plotHeight))\" text-anchor=\"end\" font-size=\"12\">0</text>\n"
        let points = data.enumerated().map { i, d in
            (left + Double(i) * step, top + plotHeight - Double(max(0, d.value)) / Double(maxValue) * plotHeight)
        }
        if !points.isEmpty {
            svg +=
                "<polyline fill=\"none\" stroke=\"#2b6cb0\" stroke-width=\"2\" points=\"\(points.map { "\(format($0.0)),\(format($0.1))" }.joined(separator: " "))\"/>\n"
        }
        let labelEvery = max(1, data.count / 8)
        for (i, d) in data.enumerated() {
            svg +=
                "<circle cx=\"\(format(points[i].0))\" cy=\"\(format(points[i].1))\" r=\"3\" fill=\"#2b6cb0\"><title>\(XMLText.escape(d.label))：\(d.value)</title></circle>\n"
            if i % labelEvery == 0 || i == data.count - 1 {
                svg +=
                    "<text x=\"\(format(points[i].0))\" y=\"\(format(top + plotHeight + 18))\" text-anchor=\"middle\" font-size=\"11\">\(XMLText.escape(d.label))</text>\n"
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

    static func header(ids: (title: String, desc: String), title: String, description: String, width: Int, height: Int) -> String {
        """
        <svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="\(ids.title) \(ids.desc)" aria-label="\(XMLText.escape(title))" \
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
