import Foundation
import GRDB
import GongshiStore

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
    /// A changed file that yields no records, or more rejected rows than accepted ones,
    /// normally keeps the records of its previous version (and is reported); true accepts
    /// it as it is — for an intentional wipe (`--replace-empty`).
    public var replaceEmpty = false

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
            try index(file, old: known[file.relativePath], db: db, summary: &summary, pinyin: pinyin)
        }
        progress?(files.count, files.count, "")
        try db.recreateIndexes(droppedIndexes)
        try addPinyin(db: db, pinyin: pinyin)
        // Transparency pages: the service-center rules, checked against the indexed policies.
        summary.problems += try ServiceCenterRuleLoader(corpus: corpus).load(into: db)
        // 办事指南, each citation checked against the indexed regulations.
        summary.problems += try GuideLoader(corpus: corpus).load(into: db)
        summary.warnings += try qaWarnings(db: db)
        // Whose site this is (home page and footer).
        let site = try SiteIdentityLoader(corpus: corpus).load(into: db)
        summary.problems += site.problems
        summary.warnings += site.warnings
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
        summary.orphans = try orphans(db: db)
        try db.advanceIndexGeneration()
        for (kind, table) in [("document", "document"), ("unit", "unit"), ("org", "org"), ("credit", "credit_record"), ("notice", "notice")] {
            summary.totals[kind] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0
        }
    }

    /// One corpus file: skipped when unchanged; otherwise its previous records are replaced
    /// by the new ones inside a savepoint, which is rolled back — keeping the previous
    /// records — when the new version is unreadable, not text, empty, or mostly rejected.
    private func index(
        _ file: CorpusFile, old: (id: Int64, hash: String)?, db: Database, summary: inout IndexSummary,
        pinyin: TitlePinyin
    ) throws {
        let path = file.relativePath
        let previous = try old.map { try Int.fetchOne(db, sql: "SELECT records FROM corpus_file WHERE id = ?", arguments: [$0.id]) ?? 0 } ?? 0
        func keepPrevious(_ why: String) {
            summary.problems.append(
                RowProblem(
                    file: path, line: 0, field: "文件",
                    why: "\(why)；保留上一次索引的 \(previous) 条记录（确需清空请用 --replace-empty）"))
            summary.filesKept += 1
        }
        let bytes: [UInt8]
        do {
            bytes = Array(try Data(contentsOf: file.url))
        } catch {
            // Nothing is deleted: the previous records stay and the next run tries again.
            if previous > 0 {
                keepPrevious("无法读取：\(error.localizedDescription)")
            } else {
                summary.problems.append(RowProblem(file: path, line: 0, field: "文件", why: "无法读取：\(error.localizedDescription)"))
            }
            return
        }
        let hash = StableHash.hex(of: bytes)
        if let old, old.hash == hash, file.kind != .synonyms {
            summary.filesSkipped += 1
            return
        }
        let protect = !replaceEmpty && previous > 0
        var unusable = "既不是 UTF-8 也不是 GB18030 编码的文本"
        var decoded: CorpusText.Decoded?
        if file.kind == .policy, bytes.count > Self.maxPolicyBytes {
            unusable = "文件大小超过上限 \(Self.maxPolicyBytes / 1_048_576) MB"
        } else {
            decoded = CorpusText.decode(bytes, badLines: file.kind == .policy ? .replace : .blank)
        }
        if decoded == nil, protect {
            keepPrevious(unusable)
            return
        }
        let isEmpty = decoded.map { $0.text.allSatisfy(\.isWhitespace) } ?? false
        if isEmpty, !replaceEmpty {
            if protect {
                keepPrevious("文件为空")
                return
            }
            summary.problems.append(RowProblem(file: path, line: 0, field: "文件", why: "文件为空"))
        }
        // A savepoint per changed file that has records to protect (not per row, and not on
        // a first build: FTS5 flushes its pending terms to a new segment at each savepoint).
        if protect { try db.execute(sql: "SAVEPOINT corpus_file") }
        let writtenBefore = summary.written
        let problemsBefore = summary.problems.count
        if let old { try db.deleteCorpusFile(id: old.id) }
        let fileId = try db.insertCorpusFile(path: path, kind: file.kind.rawValue, hash: hash, bytes: bytes.count)
        var records = 0
        if let decoded {
            for line in decoded.badLines {
                summary.problems.append(
                    RowProblem(
                        file: path, line: line, field: "行",
                        why: file.kind == .policy
                            ? "含有不是 UTF-8 的字节（已显示为 �）" : "含有不是 UTF-8 的字节，整行未读入"))
            }
            records = try ingest(file, text: decoded.text, fileId: fileId, db: db, summary: &summary, pinyin: pinyin)
        } else {
            summary.problems.append(RowProblem(file: path, line: 1, field: "文件", why: unusable))
        }
        let rejected = summary.problems.count - problemsBefore
        if protect, records == 0 || rejected > records {
            try db.execute(sql: "ROLLBACK TO corpus_file")
            try db.execute(sql: "RELEASE corpus_file")
            summary.written = writtenBefore
            keepPrevious(records == 0 ? "新版本没有可用的记录" : "新版本被拒绝的行（\(rejected)）多于可用的行（\(records)）")
            return
        }
        try db.finishCorpusFile(id: fileId, records: records, rejected: rejected)
        if protect { try db.execute(sql: "RELEASE corpus_file") }
        summary.filesIndexed += 1
        summary.bytesRead += bytes.count
    }

    /// A policy document larger than this is rejected (the largest bundled one is ~100 KB).
    static let maxPolicyBytes = 5 << 20

    /// Credit records and notice links whose organization is not in the index (after a
    /// file of organizations was removed or replaced): reported, not left silently.
    private func orphans(db: Database) throws -> [RowProblem] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT f.path, r.line, r.org_code, '信用记录' AS what FROM credit_record r JOIN corpus_file f ON f.id = r.file_id
                WHERE NOT EXISTS (SELECT 1 FROM org o WHERE o.code = r.org_code)
                UNION ALL
                SELECT f.path, n.line, l.org_code, '公告' FROM notice_org l JOIN notice n ON n.id = l.notice_id JOIN corpus_file f ON f.id = n.file_id
                WHERE NOT EXISTS (SELECT 1 FROM org o WHERE o.code = l.org_code)
                ORDER BY 1, 2
                """)
        return rows.map { row in
            RowProblem(
                file: row["path"], line: row["line"], field: "统一社会信用代码(code)",
                why: "\(row["what"] as String)引用的社会组织“\(row["org_code"] as String)”不在索引中")
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
                if let other = try String.fetchOne(
                    db, sql: "SELECT c.path FROM document d JOIN corpus_file c ON c.id = d.file_id WHERE d.id = ?", arguments: [document.id])
                {
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
        case .faq, .qaVocabulary, .serviceCenter, .qaPairs:
            return try ingestQA(file, text: text, fileId: fileId, db: db, summary: &summary)
        case .orgs, .credit, .notices:
            let kind: RecordKind = file.kind == .orgs ? .orgs : file.kind == .credit ? .credit : .notices
            let reader = RecordFileReader(fields: kind.fields, limits: FieldLimits.limits(for: kind))
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
