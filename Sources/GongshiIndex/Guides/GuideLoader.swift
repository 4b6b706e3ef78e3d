import Foundation
import GRDB
import GongshiStore

/// Loads `guides/*.md` into the index on every run (they are small). A guide whose
/// citation names a passage that is not in the index, or quotes words the passage does
/// not contain, is rejected whole: a checklist with one wrong step misleads.
struct GuideLoader {
    static let folder = "guides"
    let corpus: URL

    /// Replaces the guides in the index; returns the problems of rejected guides.
    func load(into db: Database) throws -> [RowProblem] {
        let directory = corpus.appendingPathComponent(Self.folder)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".md") }.sorted()
        var problems: [RowProblem] = []
        var accepted: [Guide] = []
        for name in names {
            let file = "\(Self.folder)/\(name)"
            let id = String(name.dropLast(3))
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path),
                let text = String(data: data, encoding: .utf8)
            else {
                problems.append(RowProblem(file: file, line: 1, field: "文件", why: "无法读取，或不是 UTF-8 文本"))
                continue
            }
            let parsed: GuideParser.Parsed
            do { parsed = try GuideParser.parse(text, id: id, file: file) } catch {
                problems.append(error)
                continue
            }
            if let problem = try check(parsed, file: file, db: db) {
                problems.append(problem)
                continue
            }
            accepted.append(parsed.guide)
        }
        try db.replaceGuides(accepted)
        return problems
    }

    /// The first citation that does not hold, as the problem that rejects the guide.
    func check(_ parsed: GuideParser.Parsed, file: String, db: Database) throws -> RowProblem? {
        for (n, item) in parsed.guide.items.enumerated() {
            let c = item.citation
            let line = parsed.citationLines[n]
            let field = "依据（\(item.section.rawValue)）"
            let passage = try String.fetchOne(
                db, sql: "SELECT text FROM unit WHERE document_id = ? AND anchor = ?",
                arguments: [c.document, c.anchor])
            guard let passage else {
                return RowProblem(file: file, line: line, field: field, why: "找不到引用的条文 \(c.document)#\(c.anchor)，整篇指南未收录")
            }
            guard passage.contains(c.quote) else {
                return RowProblem(
                    file: file, line: line, field: field,
                    why: "引用原文“\(c.quote)”在 \(c.document)#\(c.anchor) 中找不到，整篇指南未收录")
            }
        }
        return nil
    }
}
