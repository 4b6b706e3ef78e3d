import Foundation
import GRDB
import GongshiStore

extension Desk {
    /// Publishes a consultation's reply as an FAQ entry (admins only): the question, the
    /// reply and its citations as they stand; nothing about the enquirer.
    public func publishFAQ(_ id: Int64, question: String? = nil, by account: Account) throws(DeskError) {
        guard account.isAdmin else { throw DeskError(.forbidden, "只有管理员可以发布常见问题") }
        try write { db in
            guard let c = try Self.fetch(db, id: id) else { throw DeskError(.notFound, "没有编号为 \(id) 的咨询") }
            guard !c.reply.isEmpty else { throw DeskError(.invalid, "尚未保存答复，不能发布") }
            let q = (question?.trimmingCharacters(in: .whitespacesAndNewlines)).flatMap { $0.isEmpty ? nil : $0 } ?? c.question
            guard q.count <= Self.maxQuestionCharacters else { throw DeskError(.invalid, "问题过长") }
            let articles = String(decoding: (try? JSONEncoder().encode(c.citations)) ?? Data("[]".utf8), as: UTF8.self)
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO faq (consultation_id, question, answer, articles, published_at, published_by) VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [id, q, c.reply, articles, now.timeIntervalSince1970, account.name])
            try audit(
                db, actor: account.name, action: "publish", target: "consultation:\(id)",
                after: Self.json(["question": q, "articles": c.citations.map(\.reference).joined(separator: "、")]))
        }
    }

    public func unpublishFAQ(_ id: Int64, by account: Account) throws(DeskError) {
        guard account.isAdmin else { throw DeskError(.forbidden, "只有管理员可以撤下常见问题") }
        try write { db in
            guard let question = try String.fetchOne(db, sql: "SELECT question FROM faq WHERE consultation_id = ?", arguments: [id]) else {
                throw DeskError(.notFound, "该咨询没有发布为常见问题")
            }
            try db.execute(sql: "DELETE FROM faq WHERE consultation_id = ?", arguments: [id])
            try audit(db, actor: account.name, action: "unpublish", target: "consultation:\(id)", before: Self.json(["question": question]))
        }
    }

    public func publishedFAQs() throws(DeskError) -> [PublishedFAQ] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM faq ORDER BY published_at DESC, consultation_id DESC").map { row in
                let articles: String = row["articles"]
                return PublishedFAQ(
                    consultationID: row["consultation_id"], question: row["question"], answer: row["answer"],
                    articles: (try? JSONDecoder().decode([Citation].self, from: Data(articles.utf8))) ?? [],
                    publishedAt: Date(timeIntervalSince1970: row["published_at"]))
            }
        }
    }

    /// The published FAQ as question–article pairs for the Q&A (`<corpus>/qa-pairs/*.jsonl`,
    /// learned by the next `gongshi index`); articles only: a numbered section has no article
    /// number in the pairs format.
    public func qaPairs() throws(DeskError) -> [QAPair] {
        try publishedFAQs().compactMap { faq in
            let relevant = faq.articles.compactMap { c -> QAPair.Article? in
                guard c.label.hasPrefix("第"), c.label.hasSuffix("条"), let n = Self.articleNumber(c.label) else { return nil }
                return QAPair.Article(title: c.documentTitle, article: n)
            }
            // The pairs format takes questions of 1–500 characters and up to 50 articles.
            guard !relevant.isEmpty, faq.question.count <= 500 else { return nil }
            return QAPair(id: "DESK-\(faq.consultationID)", question: faq.question, relevant: Array(relevant.prefix(50)))
        }.sorted { $0.id < $1.id }
    }

    /// Writes `qaPairs()` as JSON lines to `file`, replacing it whole (write then rename:
    /// an index run never reads half a file).
    public func writeQAPairs(to file: String) throws(DeskError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            let lines = try qaPairs().map { String(decoding: try encoder.encode($0), as: UTF8.self) }
            let text = lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
            let directory = (file as NSString).deletingLastPathComponent
            if !directory.isEmpty { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
            try Data(text.utf8).write(to: URL(fileURLWithPath: file), options: .atomic)
        } catch {
            throw DeskError(.store, "无法写入问答对文件：\(error)", path: file)
        }
    }

    /// 10 for 第十条 (Arabic digits too).
    static func articleNumber(_ label: String) -> Int? {
        let inner = label.dropFirst().dropLast()
        if let n = Int(inner) { return n }
        let digits: [Character: Int] = ["零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9]
        let units: [Character: Int] = ["十": 10, "百": 100, "千": 1000]
        var total = 0
        var pending = 0
        for c in inner {
            if let d = digits[c] {
                pending = d
            } else if let u = units[c] {
                total += (pending == 0 ? 1 : pending) * u
                pending = 0
            } else {
                return nil
            }
        }
        let n = total + pending
        return n > 0 ? n : nil
    }
}
