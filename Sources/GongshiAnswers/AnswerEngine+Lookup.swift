import Foundation
import GRDB
import GongshiStore

/// One article or section read from the index as it stands now, with the generation it
/// was read at: what a consultation desk stores when it cites it.
public struct ArticleText: Sendable, Codable {
    public var documentID: String
    public var documentTitle: String
    public var documentStatus: String?
    public var label: String
    public var text: String
    public var generation: Int64
}

extension AnswerEngine {
    public static let maxReferenceCharacters = 100

    /// The unit `label` of document `documentID`, or nil.
    public func article(documentID: String, label: String) throws(AnswerError) -> ArticleText? {
        guard documentID.count <= 200, label.count <= 100 else { return nil }
        return try lookup { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT d.id, d.title, d.status, u.label, u.text FROM unit u JOIN document d ON d.id = u.document_id
                        WHERE u.document_id = ? AND u.label = ? ORDER BY u.seq LIMIT 1
                        """, arguments: [documentID, label])
            else { return nil }
            return ArticleText(
                documentID: row["id"], documentTitle: row["title"], documentStatus: row["status"],
                label: row["label"], text: row["text"], generation: try db.indexGeneration())
        }
    }

    /// The article a reference names: 慈善法第十条, 《社会团体登记管理条例》第10条. A short
    /// title matches the documents whose title contains it (中华人民共和国慈善法); among
    /// several, one in force and then the shortest title wins. Nil when nothing matches.
    public func article(reference: String) throws(AnswerError) -> ArticleText? {
        let text = reference.filter { !$0.isWhitespace && $0 != "《" && $0 != "》" }
        guard text.count <= Self.maxReferenceCharacters, text.hasSuffix("条"),
            let mark = text.lastIndex(of: "第")
        else { return nil }
        let title = String(text[..<mark])
        let numeral = text[text.index(after: mark)..<text.index(before: text.endIndex)]
        guard !title.isEmpty, let number = NumberForms.value(numeral), number > 0 else { return nil }
        return try lookup { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT d.id, d.title, d.status, u.label, u.text FROM unit u JOIN document d ON d.id = u.document_id
                        WHERE u.kind = 'article' AND u.number = ? AND instr(d.title, ?) > 0
                        ORDER BY d.title = ? DESC, coalesce(d.status, '') IN ('已废止', '尚未生效'), length(d.title), u.seq LIMIT 1
                        """, arguments: [number, title, title])
            else { return nil }
            return ArticleText(
                documentID: row["id"], documentTitle: row["title"], documentStatus: row["status"],
                label: row["label"], text: row["text"], generation: try db.indexGeneration())
        }
    }

    private func lookup(_ body: (Database) throws -> ArticleText?) throws(AnswerError) -> ArticleText? {
        do { return try database.pool.read(body) } catch { throw .store(StoreError.wrap(error, path: database.path)) }
    }
}
