import GongshiDisclosure
import GongshiSearch

/// CSV downloads of the lists: UTF-8 with a BOM (so Excel reads Chinese correctly),
/// CRLF line ends and quoting per RFC 4180, and cells that a spreadsheet would run as a
/// formula (= + - @, tab, CR first) prefixed with `'`.
public enum CSVExport {
    public static let byteOrderMark = "\u{FEFF}"
    public static let contentType = "text/csv; charset=utf-8"

    public static func render(header: [String], rows: [[String]]) -> String {
        var out = byteOrderMark + line(header)
        for row in rows { out += line(row) }
        return out
    }

    static func line(_ cells: [String]) -> String { cells.map(cell).joined(separator: ",") + "\r\n" }

    /// One cell, neutralised and quoted when needed.
    public static func cell(_ value: String) -> String {
        var text = value
        if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { text = "'" + text }
        if text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return text
    }

    /// `/orgs` results.
    public static func organizations(_ items: [OrganizationSummary]) -> String {
        render(
            header: ["统一社会信用代码", "名称", "类型", "登记管理机关", "所属区域", "成立登记日期", "登记状态", "评估等级", "信用状况"],
            rows: items.map { [$0.code, $0.name, $0.type, $0.authority, $0.region ?? "", $0.founded, $0.status, $0.grade ?? "", $0.creditStatusLabel] })
    }

    /// `/credit/abnormal` or `/credit/serious`.
    public static func creditList(_ list: CreditList) -> String {
        render(
            header: ["统一社会信用代码", "名称", "所属区域", "列入事由", "决定机关", "列入日期", "移出日期", "移出事由", "状态"],
            rows: list.items.map {
                [
                    $0.orgCode, $0.orgName, $0.region ?? "", $0.reason, $0.authority, $0.date, $0.removedOn ?? "",
                    $0.removalReason ?? "", $0.current ? "列入中" : "已移出",
                ]
            })
    }
}
