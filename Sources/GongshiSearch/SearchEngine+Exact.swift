import Foundation
import GRDB
import GongshiStore

/// Exact hits, placed above every ranked result: a 统一社会信用代码 (with spaces, lower
/// case or full width), a 文号 whole or in part (青民〔2016〕45), a penalty decision number
/// (青民罚决字〔2025〕1号), a document named by its title (慈善组织认定办法, 《慈善法》), and a
/// document named with an article number (慈善法第十条, 社团条例10条).
extension SearchEngine {
    func exactHits(_ query: String, kind: SearchRequest.Kind?, vocabulary: QueryVocabulary, db: Database) throws -> [SearchResult] {
        var hits: [SearchResult] = []
        let compact = QueryWords.clean(query).filter { !$0.isWhitespace }
        guard !compact.isEmpty, compact.count <= 80 else { return [] }
        func wants(_ k: SearchRequest.Kind) -> Bool { kind == nil || kind == k || (k == .article && kind == .section) }
        if wants(.org), let code = try? CreditCode(validating: compact), let hit = try ResultResolver.organization(code: code.value, db: db) {
            hits.append(SearchResult(kind: "org", id: hit.id, title: hit.title, label: hit.label, snippet: hit.snippet, ref: hit.ref, score: Self.exactScore))
        }
        let key = DocumentNumber.key(compact)
        if let shape = DocumentNumber.Shape(key) {
            if wants(.policy) {
                for hit in try ResultResolver.documents(number: shape, db: db) {
                    hits.append(
                        SearchResult(kind: "policy", id: hit.id, title: hit.title, label: nil, snippet: hit.snippet, ref: hit.ref, score: Self.exactScore))
                }
            }
            if wants(.credit) {
                for hit in try ResultResolver.decisions(number: shape, db: db) {
                    hits.append(
                        SearchResult(kind: "credit", id: hit.id, title: hit.title, label: hit.label, snippet: hit.snippet, ref: hit.ref, score: Self.exactScore)
                    )
                }
            }
        }
        if wants(.policy), hits.isEmpty, let name = DocumentTitleQuery.name(compact) {
            hits += try ResultResolver.documents(titled: name, db: db)
        }
        if wants(.article), let reference = ArticleReference(compact),
            let hit = try ResultResolver.article(reference, vocabulary: vocabulary, fold: { [self] in foldForTitles($0, db: db) }, db: db)
        {
            hits.append(hit)
        }
        return hits
    }

    func foldForTitles(_ text: String, db: Database) -> String {
        (try? tokenizers.with { QueryWords.fold(text, tokenizer: $0) }) ?? text
    }
}

/// A query that may be a document's whole title: 3 to 60 characters, without the book-title
/// marks, ending as titles of laws, regulations and policy documents end (a cheap test that
/// keeps ordinary searches from looking at every title).
enum DocumentTitleQuery {
    static let endings = ["法", "条例", "办法", "规定", "细则", "规则", "意见", "通知", "决定", "解释", "章程", "方案", "纲要", "规划", "准则", "指引", "制度", "标准"]

    static func name(_ compact: String) -> String? {
        let name = compact.filter { !"《》〈〉<>\"'“”".contains($0) }
        guard (3...60).contains(name.count), endings.contains(where: { name.hasSuffix($0) }) else { return nil }
        return name
    }
}

/// "document + 第X条" as people type it: 慈善法第十条, 社团条例10条, 《基金会管理条例》第11条.
struct ArticleReference {
    let document: String
    let number: Int

    init?(_ text: String) {
        var t = Substring(text)
        guard t.hasSuffix("条") else { return nil }
        t = t.dropLast()
        var digits = ""
        while let last = t.last, last.isASCII && last.isNumber || NumberForms.isChineseNumeral(last) {
            digits.insert(last, at: digits.startIndex)
            t = t.dropLast()
        }
        guard !digits.isEmpty, let number = NumberForms.value(digits), number > 0 else { return nil }
        if t.hasSuffix("第") { t = t.dropLast() }
        let name = t.filter { !"《》〈〉<>\"'“”".contains($0) }
        guard name.count >= 2 else { return nil }
        document = String(name)
        self.number = number
    }
}

extension ResultResolver {
    /// The article `reference` names: the document by short name (`qa-vocabulary.txt`
    /// [简称]), exact title, a title that ends with or contains the name, or one that
    /// holds its characters in order (社团条例 → 社会团体登记管理条例); the shortest wins.
    static func article(_ reference: ArticleReference, vocabulary: QueryVocabulary, fold: (String) -> String, db: Database) throws -> SearchResult? {
        let name = fold(reference.document)
        guard !name.isEmpty else { return nil }
        var documentId: String?
        if let title = try String.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT expansion FROM qa_vocabulary WHERE kind = 'document' AND term = ? LIMIT 1
                    """), arguments: [reference.document])
        {
            documentId = try String.fetchOne(db.cachedStatement(sql: "SELECT id FROM document WHERE title = ? ORDER BY id LIMIT 1"), arguments: [title])
        }
        if documentId == nil {
            var best: (rank: Int, length: Int, id: String)?
            let rows = try Row.fetchAll(db.cachedStatement(sql: "SELECT id, title FROM document WHERE kind = 'regulation' OR kind = 'policy'"))
            let nameScalars = Array(name.unicodeScalars)
            for row in rows {
                let title: String = row["title"]
                let folded = fold(title)
                let rank: Int
                if folded == name {
                    rank = 0
                } else if folded.hasSuffix(name) {
                    rank = 1
                } else if QueryWords.contains(folded, name) {
                    rank = 2
                } else if isSubsequence(nameScalars, of: folded.unicodeScalars) {
                    rank = 3
                } else {
                    continue
                }
                let length = folded.unicodeScalars.count
                if best == nil || (rank, length) < (best!.rank, best!.length) { best = (rank, length, row["id"]) }
            }
            documentId = best?.id
        }
        guard let documentId,
            let unit = try Row.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT u.anchor, u.label, substr(u.text, 1, 120) AS text, d.title FROM unit u JOIN document d ON d.id = u.document_id
                        WHERE u.document_id = ? AND u.kind = 'article' AND u.number = ? ORDER BY u.seq LIMIT 1
                        """), arguments: [documentId, reference.number])
        else { return nil }
        let anchor: String = unit["anchor"]
        return SearchResult(
            kind: "article", id: "\(documentId)#\(anchor)", title: unit["title"], label: unit["label"],
            snippet: MarkedText(unit["text"] as String + "…"), ref: .policy(id: documentId, anchor: anchor),
            score: SearchEngine.exactScore)
    }

    static func isSubsequence(_ part: [Unicode.Scalar], of text: String.UnicodeScalarView) -> Bool {
        var i = 0
        for s in text where i < part.count && s == part[i] { i += 1 }
        return i == part.count && part.count >= 2
    }
}

extension ResultResolver {
    /// The documents titled `name` exactly, also as people shorten national laws (慈善法 for
    /// 中华人民共和国慈善法) and without a title's closing note in brackets (（节选）): the current
    /// version first.
    static func documents(titled name: String, db: Database) throws -> [SearchResult] {
        let rows = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT id, title, doc_number, issuer, status FROM document
                    WHERE (kind = 'regulation' OR kind = 'policy')
                      AND (title = ?1 OR title = '中华人民共和国' || ?1 OR title LIKE ?1 || '（%' OR title LIKE '中华人民共和国' || ?1 || '（%')
                    ORDER BY (status = '现行有效') DESC, id LIMIT 3
                    """), arguments: [name])
        return rows.map { row in
            let snippet = MarkedText(
                [row["doc_number"] as String?, row["issuer"] as String?, row["status"] as String?].compactMap { $0 }.joined(separator: " · "))
            return SearchResult(
                kind: "policy", id: row["id"], title: row["title"], label: nil, snippet: snippet, ref: .policy(id: row["id"]), score: SearchEngine.exactScore)
        }
    }
}
