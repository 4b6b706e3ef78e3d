import Foundation
import GRDB

/// Question–article pairs and the learned Q&A model, stored by name as a blob.
extension Database {
    public func insertQAPair(_ pair: QAPair, line: Int, fileId: Int64) throws {
        let relevant = String(decoding: try JSONEncoder().encode(pair.relevant), as: UTF8.self)
        try cachedStatement(sql: "INSERT INTO qa_pair(file_id, line, pair_id, question, relevant) VALUES (?, ?, ?, ?, ?)")
            .execute(arguments: [fileId, line, pair.id, pair.question, relevant])
    }

    /// Every stored pair, in file and line order.
    public func qaPairs() throws -> [QAPair] {
        guard try tableExists("qa_pair") else { return [] }
        var pairs: [QAPair] = []
        for row in try Row.fetchAll(self, sql: "SELECT pair_id, question, relevant FROM qa_pair ORDER BY file_id, line") {
            let relevant = (try? JSONDecoder().decode([QAPair.Article].self, from: Data((row["relevant"] as String).utf8))) ?? []
            pairs.append(QAPair(id: row["pair_id"], question: row["question"], relevant: relevant))
        }
        return pairs
    }

    public func qaModel(named name: String) throws -> Data? {
        guard try tableExists("qa_model") else { return nil }
        return try Data.fetchOne(cachedStatement(sql: "SELECT data FROM qa_model WHERE name = ?"), arguments: [name])
    }

    public func replaceQAModel(named name: String, data: Data) throws {
        try cachedStatement(sql: "INSERT OR REPLACE INTO qa_model(name, data) VALUES (?, ?)").execute(arguments: [name, data])
    }
}

extension GongshiDatabase {
    /// A consistent copy of the whole database (WAL included) at `path`: a scratch index
    /// that evaluation may retrain without touching this one.
    public func copy(to path: String) throws(StoreError) {
        do {
            let target = try DatabaseQueue(path: path)
            try pool.backup(to: target)
            try target.close()
        } catch {
            throw StoreError.wrap(error, path: path)
        }
    }
}
