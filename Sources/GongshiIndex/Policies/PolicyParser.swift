import Foundation
import GongshiStore

/// Reads a policy Markdown file (YAML front matter + text) and splits it into its
/// structure: 编/章/节 headings and 第X条 articles, or, for documents without articles,
/// numbered sections 一、 and （一）.
public enum PolicyParser {
    public static let levels = ["法律", "行政法规", "部门规章", "地方性法规", "地方政府规章", "规范性文件", "其他"]

    /// `id` is the document's stable identifier (from the file name); `file` names it in errors.
    public static func parse(_ text: String, id: String, file: String) throws(RowProblem) -> PolicyDocument {
        let front: FrontMatter
        do {
            front = try FrontMatter.split(text)
        } catch {
            switch error {
            case .missing: throw RowProblem(file: file, line: 1, field: "front matter", why: "文件应以 --- 开头的 YAML front matter 开始")
            case .unterminated: throw RowProblem(file: file, line: 1, field: "front matter", why: "front matter 没有以 --- 结束")
            case .invalid(let why): throw RowProblem(file: file, line: 1, field: "front matter", why: "YAML 无法解析：\(why)")
            }
        }
        let v = front.values
        func problem(_ field: String, _ why: String) -> RowProblem { RowProblem(file: file, line: 1, field: field, why: why) }
        guard let title = v["title"]?.trimmed, !title.isEmpty else { throw problem("title", "缺少必填字段") }
        var document = PolicyDocument(id: id, kind: "regulation", title: title)
        document.level = v["level"]?.nonEmpty
        document.kind = v["kind"]?.nonEmpty ?? (document.level == "规范性文件" ? "policy" : "regulation")
        guard ["regulation", "policy"].contains(document.kind) else { throw problem("kind", "应为 regulation 或 policy") }
        document.issuer = v["issuer"]?.nonEmpty
        document.docNumber = v["doc_number"]?.nonEmpty
        for key in ["promulgated", "effective", "revised"] {
            guard let raw = v[key]?.nonEmpty else { continue }
            guard let date = FieldValue.date(raw) else { throw problem(key, "“\(raw)”不是有效日期（应为 YYYY-MM-DD）") }
            switch key {
            case "promulgated": document.promulgated = date
            case "effective": document.effective = date
            default: document.revised = date
            }
        }
        if let status = v["status"]?.nonEmpty {
            guard PolicyDocument.statuses.contains(status) else {
                throw problem("status", "“\(status)”不是允许的取值（\(PolicyDocument.statuses.joined(separator: "、"))）")
            }
            document.status = status
        }
        if let disclosure = v["disclosure"]?.nonEmpty {
            guard ["主动公开", "依申请公开", "不予公开"].contains(disclosure) else { throw problem("disclosure", "应为 主动公开 或 依申请公开") }
            document.disclosure = disclosure
        }
        document.region = v["region"]?.nonEmpty
        document.source = v["source"]?.nonEmpty
        document.sourceName = v["source_name"]?.nonEmpty
        if let url = v["source_url"]?.nonEmpty {
            // Shown as a link: only a web address, never a path or a script URL.
            guard url.hasPrefix("https://") || url.hasPrefix("http://"), url.count <= 512, !url.contains(where: { $0 == " " || $0 == "\"" || $0 == "<" }) else {
                throw problem("source_url", "“\(url.prefix(80))”不是 http(s) 网址")
            }
            document.sourceURL = url
        }
        document.body = String(front.body)
        let structure = split(body: front.body, title: title)
        document.preamble = structure.preamble
        document.units = structure.units
        return document
    }

    // MARK: - Structure

    struct Structure {
        var preamble: String
        var units: [DocumentUnit]
    }

    private struct OpenUnit {
        var kind: DocumentUnit.Kind
        var label: String
        var number: Int?
        var chapter: String?
        var anchor: String
        var lines: [Substring]
        var start: Int
        var end: Int
    }

    static func split(body: Substring, title: String) -> Structure {
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        let hasArticles = lines.contains { articleNumber($0.trimmedSubstring) != nil }
        var preamble: [Substring] = []
        var units: [DocumentUnit] = []
        var open: OpenUnit?
        var part: String?
        var chapter: String?
        var section: String?  // 编, 章, 节
        var level1: (label: String, heading: String, number: Int)?
        var level2: (String, String)?  // label and anchor of the current (一) section
        var anchors: Set<String> = []
        var offset = 0

        func close() {
            guard let unit = open else { return }
            var anchor = unit.anchor
            var n = 2
            while anchors.contains(anchor) {
                anchor = "\(unit.anchor)-\(n)"
                n += 1
            }
            anchors.insert(anchor)
            let text = unit.lines.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: "\n")
            units.append(
                DocumentUnit(
                    kind: unit.kind, label: unit.label, number: unit.number, chapter: unit.chapter,
                    anchor: anchor, text: text, startOffset: unit.start, endOffset: unit.end))
            open = nil
        }
        func chapterContext() -> String? {
            let parts = [chapter, section].compactMap { $0 }
            return parts.isEmpty ? part : parts.joined(separator: " ")
        }

        for rawLine in lines {
            let lineStart = offset
            offset += rawLine.utf8.count + 1
            let line = rawLine.trimmedSubstring
            if line.isEmpty { continue }
            // Markdown headings, and bare 第X章 lines, set the chapter context.
            if let heading = headingText(line) {
                if heading == title || title.hasPrefix(heading) && open == nil && units.isEmpty && preamble.isEmpty { continue }
                close()
                switch structuralLevel(heading) {
                case "编":
                    part = heading
                    chapter = nil
                    section = nil
                case "章":
                    chapter = heading
                    section = nil
                case "节": section = heading
                default:
                    if rawLine.hasPrefix("# ") {
                        part = heading
                        chapter = nil
                        section = nil
                    } else {
                        chapter = heading
                        section = nil
                    }
                }
                continue
            }
            if hasArticles {
                if let (number, _) = articleNumber(line) {
                    close()
                    open = OpenUnit(
                        kind: .article, label: "第\(ChineseNumeral.string(number))条", number: number,
                        chapter: chapterContext(), anchor: "a\(number)", lines: [line], start: lineStart, end: offset - 1)
                    continue
                }
            } else if let (label, number) = sectionLevel1(line) {
                close()
                level1 = (label, String(line), number)
                level2 = nil
                open = OpenUnit(
                    kind: .section, label: label, number: nil, chapter: String(line),
                    anchor: "s\(number)", lines: [line], start: lineStart, end: offset - 1)
                continue
            } else if let (label, number) = sectionLevel2(line) {
                close()
                let fullLabel = (level1?.label ?? "") + label
                let anchor = level1.map { "s\($0.number)-\(number)" } ?? "s0-\(number)"
                level2 = (fullLabel, anchor)
                open = OpenUnit(
                    kind: .section, label: fullLabel, number: nil, chapter: level1?.heading,
                    anchor: anchor, lines: [line], start: lineStart, end: offset - 1)
                continue
            } else if let (label, number) = sectionLevel3(line), let parent = level2 ?? level1.map({ ($0.label, "s\($0.number)") }) {
                close()
                open = OpenUnit(
                    kind: .section, label: parent.0 + label, number: nil, chapter: level1?.heading,
                    anchor: "\(parent.1)-\(number)", lines: [line], start: lineStart, end: offset - 1)
                continue
            }
            if open != nil {
                open!.lines.append(line)
                open!.end = offset - 1
            } else {
                preamble.append(line)
            }
        }
        close()
        return Structure(preamble: preamble.joined(separator: "\n"), units: units)
    }

    /// The text of a Markdown heading, or of a bare 第X章/第X节/第X编 line.
    static func headingText(_ line: Substring) -> String? {
        if line.hasPrefix("#") {
            let text = line.drop(while: { $0 == "#" }).trimmingCharacters(in: .whitespaces)
            return text.isEmpty ? nil : normalizeSpaces(text)
        }
        if structuralLevel(String(line)) != nil, line.count <= 30, !line.contains("。") {
            return normalizeSpaces(String(line))
        }
        return nil
    }

    /// "编", "章" or "节" when `text` starts 第X编/章/节.
    static func structuralLevel(_ text: String) -> String? {
        guard text.hasPrefix("第") else { return nil }
        let rest = text.dropFirst().drop(while: { ChineseNumeral.isNumeral($0) })
        guard rest.count < text.count - 1, let marker = rest.first, "编章节".contains(marker) else { return nil }
        let after = rest.dropFirst().first
        guard after == nil || after == " " || after == "\u{3000}" || !(after!.isPunctuation) else { return nil }
        return String(marker)
    }

    /// 第X条 followed by a half- or full-width space (or the end of the line).
    static func articleNumber(_ line: Substring) -> (Int, Substring)? {
        guard line.hasPrefix("第") else { return nil }
        let numeral = line.dropFirst().prefix(while: { ChineseNumeral.isNumeral($0) || ($0.isASCII && $0.isNumber) })
        guard !numeral.isEmpty, let number = ChineseNumeral.value(numeral) else { return nil }
        let rest = line.dropFirst(1 + numeral.count)
        guard rest.first == "条" else { return nil }
        let after = rest.dropFirst()
        guard after.isEmpty || after.first == " " || after.first == "\u{3000}" else { return nil }
        return (number, after)
    }

    /// 一、 at the start of a line: ("三、", 3).
    static func sectionLevel1(_ line: Substring) -> (String, Int)? {
        let numeral = line.prefix(while: { ChineseNumeral.isNumeral($0) })
        guard !numeral.isEmpty, numeral.count <= 3, line.dropFirst(numeral.count).first == "、",
            let n = ChineseNumeral.value(numeral)
        else { return nil }
        return ("\(numeral)、", n)
    }

    /// (一) or （一） at the start of a line: ("(一)", 1).
    static func sectionLevel2(_ line: Substring) -> (String, Int)? {
        guard let open = line.first, open == "(" || open == "（" else { return nil }
        let numeral = line.dropFirst().prefix(while: { ChineseNumeral.isNumeral($0) })
        guard !numeral.isEmpty, numeral.count <= 3, let n = ChineseNumeral.value(numeral) else { return nil }
        let close = line.dropFirst(1 + numeral.count).first
        guard close == ")" || close == "）" else { return nil }
        return ("(\(numeral))", n)
    }

    /// 1. / 1、/ 1．at the start of a line, followed by text: ("1.", 1).
    static func sectionLevel3(_ line: Substring) -> (String, Int)? {
        let digits = line.prefix(while: { $0.isASCII && $0.isNumber })
        guard !digits.isEmpty, digits.count <= 2, let n = Int(digits) else { return nil }
        let rest = line.dropFirst(digits.count)
        guard let mark = rest.first, mark == "." || mark == "、" || mark == "．",
            let next = rest.dropFirst().first, !(next.isASCII && next.isNumber)
        else { return nil }
        return ("\(n).", n)
    }

    static func normalizeSpaces(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\u{3000}" }).joined(separator: " ")
    }
}

extension Substring {
    var trimmedSubstring: Substring {
        let start = firstIndex(where: { !$0.isWhitespace }) ?? endIndex
        let end = lastIndex(where: { !$0.isWhitespace }).map { index(after: $0) } ?? start
        return self[start..<end]
    }
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
    var nonEmpty: String? {
        let t = trimmed
        return t.isEmpty ? nil : t
    }
}
