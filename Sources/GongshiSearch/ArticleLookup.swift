import GongshiStore
import GRDB

/// A search that names an article — 慈善法第十条, 社会团体登记管理条例 第十条, 社团条例10条 — goes
/// straight to it: the name is a document's title (without 中华人民共和国 or a trailing
/// parenthesis), a short name from the Q&A vocabulary (社团条例), or part of at most a few
/// titles; the number is the article's.
enum ArticleLookup {
    /// Documents a name may stand for through a title substring, at most.
    static let maxSubstringDocuments = 3

    /// The name and article number of a query that ends with 第X条 or X条 after a name.
    static func parse(_ query: String) -> (name: String, number: Int)? {
        let chars = Array(query.filter { !$0.isWhitespace && $0 != "《" && $0 != "》" })
        guard chars.count >= 4, chars.count <= 64, chars.last == "条" else { return nil }
        var start = chars.count - 1
        while start > 0, NumberForms.isChineseNumeral(chars[start - 1]) || chars[start - 1].isASCII && chars[start - 1].isNumber { start -= 1 }
        guard start < chars.count - 1, let number = NumberForms.value(String(chars[start..<(chars.count - 1)])), number > 0 else { return nil }
        var nameEnd = start
        if nameEnd > 0, chars[nameEnd - 1] == "第" { nameEnd -= 1 }
        let name = String(chars[..<nameEnd])
        guard name.count >= 2 else { return nil }
        return (name, number)
    }

    static func hits(_ query: String, db: Database) throws -> [SearchResult] {
        guard let (name, number) = parse(query) else { return [] }
        var documents: [String] = []
        for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT id, title FROM document ORDER BY id")) {
            let title: String = row["title"]
            if title == name || EvaluationTitle.normalized(title) == name { documents.append(row["id"]) }
        }
        if documents.isEmpty, try db.tableExists("qa_vocabulary") {
            for title in try String.fetchAll(db.cachedStatement(sql: "SELECT expansion FROM qa_vocabulary WHERE kind = 'document' AND term = ?"), arguments: [name]) {
                documents += try String.fetchAll(db.cachedStatement(sql: "SELECT id FROM document WHERE title = ? ORDER BY id"), arguments: [title])
            }
        }
        if documents.isEmpty, name.count >= 3 {
            let found = try String.fetchAll(db.cachedStatement(sql: "SELECT id FROM document WHERE instr(title, ?) > 0 ORDER BY id LIMIT ?"),
                                            arguments: [name, maxSubstringDocuments + 1])
            if found.count <= maxSubstringDocuments { documents = found }
        }
        var results: [SearchResult] = []
        for id in documents {
            guard let unit = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT u.label, u.anchor, u.text, d.title FROM unit u JOIN document d ON d.id = u.document_id
                WHERE u.document_id = ? AND u.kind = 'article' AND u.number = ? ORDER BY u.seq LIMIT 1
                """), arguments: [id, number]) else { continue }
            let anchor: String = unit["anchor"], text: String = unit["text"]
            results.append(SearchResult(kind: "article", id: "\(id)#\(anchor)", title: unit["title"], label: unit["label"],
                                        snippet: HTMLText.escape(String(text.prefix(120))), url: "/policies/\(id)#\(anchor)",
                                        score: SearchEngine.exactScore))
        }
        return results
    }
}
