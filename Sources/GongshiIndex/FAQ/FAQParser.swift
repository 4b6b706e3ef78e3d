import Foundation
import GongshiStore
import Yams

/// Reads a curated FAQ entry (`Corpus/faq/*.md`): YAML front matter with `question`,
/// `variants` (other phrasings) and `articles` (《条例》第十条), then the answer as text.
public enum FAQParser {
    public static func parse(_ text: String, file: String) throws(RowProblem) -> FAQEntry {
        func problem(_ field: String, _ why: String) -> RowProblem { RowProblem(file: file, line: 1, field: field, why: why) }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, first.trimmingCharacters(in: .whitespaces) == "---" else {
            throw problem("front matter", "文件应以 --- 开头的 YAML front matter 开始")
        }
        guard let end = lines.dropFirst().firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "---" }) else {
            throw problem("front matter", "front matter 没有以 --- 结束")
        }
        let mapping: Node.Mapping
        do {
            guard let node = try Yams.compose(yaml: lines[1..<end].joined(separator: "\n")), let m = node.mapping else {
                throw problem("front matter", "front matter 不是键值映射")
            }
            mapping = m
        } catch let p as RowProblem {
            throw p
        } catch {
            throw problem("front matter", "YAML 无法解析：\(error)")
        }
        func strings(_ key: String) -> [String] {
            guard let node = mapping[key] else { return [] }
            if let sequence = node.sequence { return sequence.compactMap { $0.scalar?.string.trimmed.nonEmpty } }
            return node.scalar?.string.trimmed.nonEmpty.map { [$0] } ?? []
        }
        guard let question = strings("question").first else { throw problem("question", "缺少必填字段") }
        let answer = lines[(end + 1)...].joined(separator: "\n").trimmed
        guard !answer.isEmpty else { throw problem("answer", "问答正文（答案）为空") }
        var articles: [FAQEntry.ArticleReference] = []
        for reference in strings("articles") {
            guard let article = parseReference(reference) else {
                throw problem("articles", "“\(reference)”应写作《文件标题》第X条")
            }
            articles.append(article)
        }
        guard !articles.isEmpty else { throw problem("articles", "至少列出一个依据条款") }
        return FAQEntry(question: question, variants: strings("variants"), answer: answer, articles: articles)
    }

    /// 《社会团体登记管理条例》第十条, or the title alone (the whole document).
    static func parseReference(_ text: String) -> FAQEntry.ArticleReference? {
        var title = text.trimmed
        var article: Int?
        if let open = title.firstIndex(of: "《"), let close = title.firstIndex(of: "》"), open < close {
            let rest = String(title[title.index(after: close)...]).trimmed
            title = String(title[title.index(after: open)..<close])
            if !rest.isEmpty {
                guard rest.hasPrefix("第"), rest.hasSuffix("条"),
                    let n = ChineseNumeral.value(rest.dropFirst().dropLast())
                else { return nil }
                article = n
            }
        }
        return title.isEmpty ? nil : FAQEntry.ArticleReference(documentTitle: title, article: article)
    }
}
