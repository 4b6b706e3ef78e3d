import GongshiStore

/// Reads one `guides/*.md` file: front matter (`title`, `org_type`, `topic`, `summary`),
/// then sections headed `## 办理条件`, `## 办理流程`, `## 申请材料`, `## 办理时限`,
/// `## 收费标准`, `## 办理机关`, each a list of items, every item followed by the line
/// that cites it:
///
///     - 有50个以上的个人会员或者30个以上的单位会员
///       依据：shetuan-dengji-tiaoli#a10「有50个以上的个人会员或者30个以上的单位会员」
///
/// 「」 delimit the quote so that it may itself hold “”. Whether the quote is really in
/// that article is checked by `GuideLoader` against the index.
enum GuideParser {
    /// Sections every guide must have: a person needs each of them to act.
    static let requiredSections: [Guide.Section] = [.steps, .materials, .timeLimits, .fees, .authority]
    static let citationPrefix = "依据："

    /// A guide and the line of each item's citation (for reporting a quote that is not found).
    struct Parsed {
        var guide: Guide
        var citationLines: [Int]
    }

    static func parse(_ text: String, id: String, file: String) throws(RowProblem) -> Parsed {
        func problem(_ line: Int, _ field: String, _ why: String) -> RowProblem {
            RowProblem(file: file, line: line, field: field, why: why)
        }
        let front: FrontMatter
        do { front = try FrontMatter.split(text) } catch {
            throw problem(1, "front matter", "缺少或无法解析 YAML 头部（以 --- 开始和结束）")
        }
        var fields: [String: String] = [:]
        for key in ["title", "org_type", "topic", "summary"] {
            guard let value = front.values[key]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else {
                throw problem(1, key, "缺少必填字段")
            }
            fields[key] = value
        }
        var items: [Guide.Item] = []
        var citationLines: [Int] = []
        var section: Guide.Section?
        var pending: (text: String, line: Int)?
        let lines = front.body.split(separator: "\n", omittingEmptySubsequences: false)
        for (offset, raw) in lines.enumerated() {
            let number = front.bodyStartLine + offset
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            if line.hasPrefix("## ") {
                if let pending { throw problem(pending.line, "依据", "条目“\(pending.text)”缺少“依据：”行") }
                let heading = line.dropFirst(3).trimmingCharacters(in: .whitespaces)
                guard let s = Guide.Section(rawValue: heading) else {
                    throw problem(number, "小节", "未知的小节“\(heading)”（可用：\(Guide.Section.allCases.map(\.rawValue).joined(separator: "、"))）")
                }
                section = s
            } else if line.hasPrefix("# ") {
                continue  // the page title repeated in the body
            } else if line.hasPrefix("- ") {
                if let pending { throw problem(pending.line, "依据", "条目“\(pending.text)”缺少“依据：”行") }
                guard section != nil else { throw problem(number, "条目", "条目应写在某个“## 小节”之下") }
                pending = (line.dropFirst(2).trimmingCharacters(in: .whitespaces), number)
            } else if line.hasPrefix(citationPrefix) {
                guard let item = pending, let section else { throw problem(number, "依据", "“依据：”行前没有条目") }
                items.append(Guide.Item(section: section, text: item.text, citation: try citation(line, number: number, file: file)))
                citationLines.append(number)
                pending = nil
            } else {
                throw problem(number, "正文", "无法识别的行（应为“## 小节”“- 条目”或“依据：”）")
            }
        }
        if let pending { throw problem(pending.line, "依据", "条目“\(pending.text)”缺少“依据：”行") }
        for required in requiredSections where !items.contains(where: { $0.section == required }) {
            throw problem(1, required.rawValue, "办事指南缺少“\(required.rawValue)”小节或其条目")
        }
        let guide = Guide(
            id: id, title: fields["title"] ?? "", organizationType: fields["org_type"] ?? "", topic: fields["topic"] ?? "",
            summary: fields["summary"] ?? "", items: items)
        return Parsed(guide: guide, citationLines: citationLines)
    }

    /// `依据：document#anchor「quote」`.
    static func citation(_ line: String, number: Int, file: String) throws(RowProblem) -> Guide.Citation {
        let rest = line.dropFirst(citationPrefix.count)
        guard let open = rest.firstIndex(of: "「"), let close = rest.lastIndex(of: "」"), open < close,
            rest[rest.index(after: close)...].trimmingCharacters(in: .whitespaces).isEmpty
        else {
            throw RowProblem(file: file, line: number, field: "依据", why: "格式应为“依据：文档编号#锚点「原文」”")
        }
        let target = rest[..<open].trimmingCharacters(in: .whitespaces)
        let parts = target.split(separator: "#", omittingEmptySubsequences: false)
        let quote = String(rest[rest.index(after: open)..<close])
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw RowProblem(file: file, line: number, field: "依据", why: "“\(target)”应为 文档编号#锚点（如 shetuan-dengji-tiaoli#a10）")
        }
        guard !quote.isEmpty, quote.count <= 500 else {
            throw RowProblem(file: file, line: number, field: "依据", why: "引用原文应为 1 至 500 个字")
        }
        return Guide.Citation(document: String(parts[0]), anchor: String(parts[1]), quote: quote)
    }
}
