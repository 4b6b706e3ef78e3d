import GRDB

/// Writing records and their search rows. Every value is a bound parameter.
extension Database {
    /// Removes everything a corpus file contributed (search rows first: the FTS table
    /// does not take part in foreign-key cascades).
    public func deleteCorpusFile(id: Int64) throws {
        for table in SearchTable.allCases {
            try cachedStatement(sql: "DELETE FROM \(table.rawValue) WHERE rowid IN (SELECT id FROM entry WHERE file_id = ?)").execute(arguments: [id])
        }
        try cachedStatement(sql: "DELETE FROM corpus_file WHERE id = ?").execute(arguments: [id])
    }

    /// Drops every secondary index and returns the statements that recreate them. A first
    /// build fills each table from empty: one sort per index at the end costs less than
    /// keeping every index up to date row by row.
    public func dropSecondaryIndexes() throws -> [String] {
        // Unique indexes enforce constraints while rows go in: they stay.
        let indexes = try Row.fetchAll(
            self,
            sql: """
                SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%' ORDER BY name
                """)
        for index in indexes {
            try execute(sql: "DROP INDEX \((index["name"] as String).quotedDatabaseIdentifier)")
        }
        return indexes.map { $0["sql"] }
    }

    /// Runs the statements `dropSecondaryIndexes` returned.
    public func recreateIndexes(_ statements: [String]) throws {
        for sql in statements { try execute(sql: sql) }
    }

    /// Records a corpus file and returns its id.
    public func insertCorpusFile(path: String, kind: String, hash: String, bytes: Int) throws -> Int64 {
        try cachedStatement(
            sql: """
                INSERT INTO corpus_file(path, kind, hash, bytes, records, rejected, indexed_at)
                VALUES (?, ?, ?, ?, 0, 0, datetime('now'))
                """
        ).execute(arguments: [path, kind, hash, bytes])
        return lastInsertedRowID
    }

    public func finishCorpusFile(id: Int64, records: Int, rejected: Int) throws {
        try cachedStatement(sql: "UPDATE corpus_file SET records = ?, rejected = ? WHERE id = ?").execute(arguments: [records, rejected, id])
    }

    /// Adds one row to the search index and returns its rowid.
    @discardableResult
    func insertSearchRow(fileId: Int64, kind: String, ref: String, title: String, label: String, body: String, tags: [String?], pinyin: String = "") throws
        -> Int64
    {
        try cachedStatement(sql: "INSERT INTO entry(file_id, kind, ref) VALUES (?, ?, ?)").execute(arguments: [fileId, kind, ref])
        let rowid = lastInsertedRowID
        try cachedStatement(sql: "INSERT INTO \(SearchTable(kind: kind).rawValue)(rowid, title, label, body, tags, pinyin, kind) VALUES (?, ?, ?, ?, ?, ?, ?)")
            .execute(arguments: [rowid, title, label, body, tags.compactMap { $0 }.joined(separator: " "), pinyin, kind])
        return rowid
    }

    /// `titlePinyin` is the text of the pinyin column for the document's title.
    public func insertDocument(_ d: PolicyDocument, fileId: Int64, titlePinyin: String = "") throws {
        try cachedStatement(
            sql: """
                INSERT INTO document(id, file_id, kind, title, level, issuer, doc_number, doc_number_key, promulgated,
                  effective, revised, status, disclosure, region, source, source_name, source_url, preamble, body)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            d.id, fileId, d.kind, d.title, d.level, d.issuer, d.docNumber,
            d.docNumber.map(DocumentNumber.key), d.promulgated, d.effective, d.revised,
            d.status, d.disclosure, d.region, d.source, d.sourceName, d.sourceURL,
            d.preamble, d.body,
        ])
        try insertSearchRow(
            fileId: fileId, kind: "policy", ref: d.id, title: d.title, label: d.docNumber ?? "",
            body: d.preamble, tags: [], pinyin: titlePinyin)
        for (seq, unit) in d.units.enumerated() {
            try cachedStatement(
                sql: """
                    INSERT INTO unit(document_id, seq, kind, label, number, chapter, anchor, text, start_offset, end_offset)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(arguments: [
                d.id, seq, unit.kind.rawValue, unit.label, unit.number, unit.chapter,
                unit.anchor, unit.text, unit.startOffset, unit.endOffset,
            ])
            let unitId = lastInsertedRowID
            try insertSearchRow(
                fileId: fileId, kind: unit.kind.rawValue, ref: String(unitId), title: d.title,
                label: [unit.label, unit.chapter].compactMap { $0 }.joined(separator: " "),
                body: unit.text, tags: [])
        }
    }

    public func insertOrganization(_ o: Organization, fileId: Int64, line: Int, namePinyin: String = "") throws {
        try cachedStatement(
            sql: """
                INSERT INTO org(code, file_id, line, name, type, authority, supervisor, legal_rep, founded, capital, address,
                  scope, status, grade, grade_from, grade_until, cert_until, region, center_level, center_served,
                  center_staff, center_area)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            o.code, fileId, line, o.name, o.type, o.authority, o.supervisor, o.legalRep,
            o.founded, o.capital, o.address, o.scope, o.status, o.grade, o.gradeFrom,
            o.gradeUntil, o.certUntil, o.region, o.centerLevel, o.centerServed,
            o.centerStaff, o.centerArea,
        ])
        // One result per year, the last one given winning, written with plain INSERTs:
        // INSERT OR REPLACE makes SQLite open a statement savepoint, and FTS5 answers every
        // savepoint by flushing its pending terms to a new segment (once per organization,
        // ~15 % of indexing time in tiny segments that then have to be merged).
        var results: [Int: String] = [:]
        for inspection in o.inspections { results[inspection.year] = inspection.result }
        for (year, result) in results.sorted(by: { $0.key < $1.key }) {
            try cachedStatement(sql: "INSERT INTO org_inspection(org_code, year, result) VALUES (?, ?, ?)")
                .execute(arguments: [o.code, year, result])
        }
        try insertSearchRow(
            fileId: fileId, kind: "org", ref: o.code, title: o.name, label: o.type,
            body: [o.scope, o.address].compactMap { $0 }.joined(separator: "\n"),
            tags: [o.code, o.supervisor, o.legalRep, o.grade], pinyin: namePinyin)
    }

    public func insertCreditRecord(_ c: CreditRecord, fileId: Int64, line: Int) throws {
        try cachedStatement(
            sql: """
                INSERT INTO credit_record(file_id, line, org_code, org_name, list, reason, authority, date, removed_on,
                  removal_reason, decision_no, basis, result)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            fileId, line, c.orgCode, c.orgName, c.list, c.reason, c.authority, c.date,
            c.removedOn, c.removalReason, c.decisionNo, c.basis, c.result,
        ])
        let id = lastInsertedRowID
        try insertSearchRow(
            fileId: fileId, kind: "credit", ref: String(id), title: c.orgName ?? c.orgCode, label: c.list,
            body: [c.reason, c.basis, c.result, c.removalReason].compactMap { $0 }.joined(separator: "\n"),
            tags: [c.orgCode, c.decisionNo])
    }

    public func insertNotice(_ n: Notice, fileId: Int64, line: Int) throws {
        try cachedStatement(sql: "INSERT INTO notice(id, file_id, line, title, kind, issuer, date, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
            .execute(arguments: [n.id, fileId, line, n.title, n.kind, n.issuer, n.date, n.body])
        for code in Set(n.orgCodes) {
            try cachedStatement(sql: "INSERT INTO notice_org(notice_id, org_code) VALUES (?, ?)").execute(arguments: [n.id, code])
        }
        try insertSearchRow(
            fileId: fileId, kind: "notice", ref: n.id, title: n.title, label: n.kind,
            body: n.body ?? "", tags: n.orgCodes)
    }

    /// Replaces the synonym dictionary: each group lists terms that mean the same.
    public func replaceSynonyms(_ groups: [[String]]) throws {
        try execute(sql: "DELETE FROM synonym")
        for (id, group) in groups.enumerated() {
            for term in group {
                try cachedStatement(sql: "INSERT OR IGNORE INTO synonym(term, group_id) VALUES (?, ?)").execute(arguments: [term, id])
            }
        }
    }

    /// Multi-character Han terms of the index that have no pinyin entry yet.
    /// (`term >= char(13312)` is the same test as `unicode(term) >= 13312`, since UTF-8
    /// sorts by code point, but fts5vocab can seek past the Latin and digit terms with it.)
    public func termsWithoutPinyin() throws -> [String] {
        try String.fetchAll(
            self,
            sql: """
                SELECT term FROM doc_terms
                WHERE term >= char(13312) AND length(term) BETWEEN 2 AND 16 AND unicode(term) >= 13312
                  AND term NOT IN (SELECT word FROM pinyin_word)
                UNION
                SELECT term FROM record_terms
                WHERE term >= char(13312) AND length(term) BETWEEN 2 AND 16 AND unicode(term) >= 13312
                  AND term NOT IN (SELECT word FROM pinyin_word)
                """)
    }

    public func insertPinyin(word: String, pinyin: String, initials: String) throws {
        try cachedStatement(sql: "INSERT OR REPLACE INTO pinyin_word(word, pinyin, initials) VALUES (?, ?, ?)")
            .execute(arguments: [word, pinyin, initials])
    }
}
