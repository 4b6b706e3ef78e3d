import Foundation
import GongshiStore
import GRDB

/// Brings the index up to date with a corpus directory.
///
/// Incremental: a file whose content hash is unchanged is skipped, a file that is gone
/// is removed. The whole run is one transaction, so readers never see half an index
/// and a crash or cancellation leaves the previous index as it was.
public struct Indexer {
    public let corpus: URL
    public let database: GongshiDatabase

    /// Called before each file: (files done, files total, relative path).
    public var progress: (@Sendable (Int, Int, String) -> Void)?
    /// Return false to abandon the run (the transaction is rolled back).
    public var shouldContinue: (@Sendable () -> Bool)?

    public init(corpus: URL, database: GongshiDatabase) {
        self.corpus = corpus
        self.database = database
    }

    public func run() throws(IndexError) -> IndexSummary {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: corpus.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .corpusMissing(corpus.path)
        }
        let started = Date()
        let files = CorpusFile.scan(root: corpus)
        var summary = IndexSummary()
        do {
            let tokenizer = try ChineseTokenizer()
            try database.pool.writeWithoutTransaction { db in
                // A large page cache keeps the FTS segment merges in memory.
                try db.execute(sql: "PRAGMA cache_size = -131072")
            }
            summary = try database.pool.write { db in
                var summary = IndexSummary()
                try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
                // FTS5 flushes its in-memory term table to a new segment every `hashsize`
                // bytes (1 MB by default) and merges segments as they pile up: a larger
                // table means fewer, larger segments and less merging. Leaf pages of 1,000
                // bytes instead of 4,050 (`pgsz`, for pages written from now on) measured
                // ~10 % faster to index and ~20 % lower search p99 at 100,000 orgs: a query
                // that skips through long doclists decodes less of each leaf it lands on.
                for table in SearchTable.allCases {
                    try db.execute(sql: "INSERT INTO \(table.rawValue)(\(table.rawValue), rank) VALUES ('hashsize', ?)", arguments: [16 << 20])
                    try db.execute(sql: "INSERT INTO \(table.rawValue)(\(table.rawValue), rank) VALUES ('pgsz', ?)", arguments: [1_000])
                }
                try apply(files, to: db, summary: &summary, pinyin: TitlePinyin(tokenizer: tokenizer))
                return summary
            }
        } catch let error as IndexError {
            throw error
        } catch {
            throw .store(StoreError.wrap(error, path: database.path))
        }
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }

    private func apply(_ files: [CorpusFile], to db: Database, summary: inout IndexSummary, pinyin: TitlePinyin) throws {
        var known: [String: (id: Int64, hash: String)] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, path, hash FROM corpus_file") {
            known[row["path"]] = (row["id"], row["hash"])
        }
        // A first build ends with 'optimize' (below), which merges every segment once;
        // merging as segments pile up would only rewrite the same data several times
        // before that. The usual settings come back at the end of the run.
        let firstBuild = known.isEmpty
        if firstBuild { try setMerging(db: db, automerge: 0, crisismerge: 64) }
        let droppedIndexes = firstBuild ? try db.dropSecondaryIndexes() : []
        let present = Set(files.map(\.relativePath))
        for (path, file) in known where !present.contains(path) {
            try db.deleteCorpusFile(id: file.id)
            summary.filesRemoved += 1
        }
        for (n, file) in files.enumerated() {
            if let shouldContinue, !shouldContinue() { throw IndexError.cancelled }
            progress?(n, files.count, file.relativePath)
            let bytes: [UInt8]
            do {
                bytes = Array(try Data(contentsOf: file.url))
            } catch {
                summary.problems.append(RowProblem(file: file.relativePath, line: 0, field: "文件", why: "无法读取：\(error.localizedDescription)"))
                continue
            }
            let hash = StableHash.hex(of: bytes)
            if let old = known[file.relativePath], old.hash == hash, file.kind != .synonyms {
                summary.filesSkipped += 1
                continue
            }
            if let old = known[file.relativePath] { try db.deleteCorpusFile(id: old.id) }
            summary.filesIndexed += 1
            summary.bytesRead += bytes.count
            let fileId = try db.insertCorpusFile(path: file.relativePath, kind: file.kind.rawValue, hash: hash, bytes: bytes.count)
            guard let (text, _) = CorpusText.decode(bytes) else {
                summary.problems.append(RowProblem(file: file.relativePath, line: 1, field: "文件", why: "既不是 UTF-8 也不是 GB18030 编码"))
                try db.finishCorpusFile(id: fileId, records: 0, rejected: 1)
                continue
            }
            let before = summary.problems.count
            let records = try ingest(file, text: text, fileId: fileId, db: db, summary: &summary, pinyin: pinyin)
            try db.finishCorpusFile(id: fileId, records: records, rejected: summary.problems.count - before)
        }
        progress?(files.count, files.count, "")
        try db.recreateIndexes(droppedIndexes)
        try addPinyin(db: db, pinyin: pinyin)
        // Transparency pages: the service-center rules, checked against the indexed policies.
        summary.problems += try ServiceCenterRuleLoader(corpus: corpus).load(into: db)
        // 办事指南, each citation checked against the indexed regulations.
        summary.problems += try GuideLoader(corpus: corpus).load(into: db)
        // A run that rewrote much of the corpus leaves the FTS indexes in many segments;
        // merging them into one makes every query probe one b-tree instead of several
        // (about 15 % less search time). Small incremental runs leave it to automerge.
        let corpusBytes = try Int.fetchOne(db, sql: "SELECT coalesce(sum(bytes), 0) FROM corpus_file") ?? 0
        if summary.bytesRead > 0, summary.bytesRead * 4 >= corpusBytes {
            for table in SearchTable.allCases {
                try db.execute(sql: "INSERT INTO \(table.rawValue)(\(table.rawValue)) VALUES ('optimize')")
            }
        }
        if firstBuild { try setMerging(db: db, automerge: 4, crisismerge: 16) }
        try db.advanceIndexGeneration()
        for (kind, table) in [("document", "document"), ("unit", "unit"), ("org", "org"), ("credit", "credit_record"), ("notice", "notice")] {
            summary.totals[kind] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0
        }
    }

    /// FTS5's segment merging settings, for both indexes (4 and 16 are FTS5's defaults).
    private func setMerging(db: Database, automerge: Int, crisismerge: Int) throws {
        for table in SearchTable.allCases {
            for (name, value) in [("automerge", automerge), ("crisismerge", crisismerge)] {
                try db.execute(sql: "INSERT INTO \(table.rawValue)(\(table.rawValue), rank) VALUES (?, ?)", arguments: [name, value])
            }
        }
    }

    /// Writes the records of one file; returns how many were accepted.
    private func ingest(_ file: CorpusFile, text: String, fileId: Int64, db: Database, summary: inout IndexSummary, pinyin: TitlePinyin) throws -> Int {
        let path = file.relativePath
        switch file.kind {
        case .synonyms:
            let groups = SynonymDictionary.parse(text)
            try db.replaceSynonyms(groups)
            summary.written["synonym", default: 0] += groups.count
            return groups.count
        case .policy:
            do {
                let document = try PolicyParser.parse(text, id: file.documentId, file: path)
                if let other = try String.fetchOne(db, sql: "SELECT c.path FROM document d JOIN corpus_file c ON c.id = d.file_id WHERE d.id = ?", arguments: [document.id]) {
                    summary.problems.append(RowProblem(file: path, line: 1, field: "文件名", why: "文档编号“\(document.id)”与 \(other) 重复"))
                    return 0
                }
                try db.insertDocument(document, fileId: fileId, titlePinyin: pinyin.column(for: document.title))
                summary.written["document", default: 0] += 1
                summary.written["unit", default: 0] += document.units.count
                return 1
            } catch let problem as RowProblem {
                summary.problems.append(problem)
                return 0
            }
        case .faq, .qaVocabulary, .serviceCenter:
            return try ingestQA(file, text: text, fileId: fileId, db: db, summary: &summary)
        case .orgs, .credit, .notices:
            let kind: RecordKind = file.kind == .orgs ? .orgs : file.kind == .credit ? .credit : .notices
            let reader = RecordFileReader(fields: kind.fields)
            let (rows, problems) = reader.read(text: text, isJSONLines: file.url.pathExtension.lowercased() == "jsonl", file: path)
            summary.problems += problems
            var accepted = 0
            for row in rows {
                do {
                    switch kind {
                    case .orgs:
                        let org = try RecordParser.organization(row, file: path)
                        // Segmented once, for the pinyin column and the autocomplete keys.
                        let nameWords = pinyin.tokenizer.words(org.name)
                        // The organization's own row is written first, so a duplicate code fails
                        // before anything else of this row is written (no look-up beforehand).
                        do {
                            try db.insertOrganization(org, fileId: fileId, line: row.line, namePinyin: pinyin.column(forWords: nameWords))
                        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY {
                            throw RowProblem(file: path, line: row.line, field: "统一社会信用代码(code)", why: "“\(org.code)”重复，已由其他行登记")
                        }
                        try db.insertSuggestKeys(code: org.code, nameWords: nameWords, fileId: fileId)
                    case .credit:
                        try db.insertCreditRecord(try RecordParser.credit(row, file: path), fileId: fileId, line: row.line)
                    case .notices:
                        let notice = try RecordParser.notice(row, file: path)
                        do {
                            try db.insertNotice(notice, fileId: fileId, line: row.line)
                        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY {
                            throw RowProblem(file: path, line: row.line, field: "公告编号(id)", why: "“\(notice.id)”重复")
                        }
                    }
                    accepted += 1
                } catch let problem as RowProblem {
                    summary.problems.append(problem)
                }
            }
            summary.written[kind.rawValue, default: 0] += accepted
            return accepted
        }
    }

    /// Pinyin for the index's new Han words, so pinyin queries can find Han text.
    private func addPinyin(db: Database, pinyin: TitlePinyin) throws {
        for word in try db.termsWithoutPinyin() {
            guard let syllables = pinyin.syllables(of: word), !syllables.isEmpty else { continue }
            try db.insertPinyin(word: word, pinyin: syllables.joined(), initials: String(syllables.compactMap(\.first)))
        }
    }
}
