import GRDB

/// The only place that writes SQL schema. Each migration is append-only.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE corpus_file (
                      id INTEGER PRIMARY KEY,
                      path TEXT NOT NULL UNIQUE,
                      kind TEXT NOT NULL,
                      hash TEXT NOT NULL,
                      bytes INTEGER NOT NULL,
                      records INTEGER NOT NULL,
                      rejected INTEGER NOT NULL,
                      indexed_at TEXT NOT NULL
                    );
                    CREATE TABLE document (
                      id TEXT PRIMARY KEY,
                      file_id INTEGER NOT NULL REFERENCES corpus_file(id) ON DELETE CASCADE,
                      kind TEXT NOT NULL,
                      title TEXT NOT NULL,
                      level TEXT, issuer TEXT, doc_number TEXT, doc_number_key TEXT,
                      promulgated TEXT, effective TEXT, revised TEXT,
                      status TEXT, disclosure TEXT, region TEXT, source TEXT,
                      preamble TEXT NOT NULL,
                      body TEXT NOT NULL
                    );
                    CREATE INDEX document_file ON document(file_id);
                    CREATE INDEX document_number ON document(doc_number_key);
                    CREATE TABLE unit (
                      id INTEGER PRIMARY KEY,
                      document_id TEXT NOT NULL REFERENCES document(id) ON DELETE CASCADE,
                      seq INTEGER NOT NULL,
                      kind TEXT NOT NULL,
                      label TEXT NOT NULL,
                      number INTEGER,
                      chapter TEXT,
                      anchor TEXT NOT NULL,
                      text TEXT NOT NULL,
                      start_offset INTEGER NOT NULL,
                      end_offset INTEGER NOT NULL
                    );
                    CREATE INDEX unit_document ON unit(document_id, seq);
                    CREATE TABLE org (
                      code TEXT PRIMARY KEY,
                      file_id INTEGER NOT NULL REFERENCES corpus_file(id) ON DELETE CASCADE,
                      line INTEGER NOT NULL,
                      name TEXT NOT NULL, type TEXT NOT NULL, authority TEXT NOT NULL,
                      supervisor TEXT, legal_rep TEXT, founded TEXT NOT NULL, capital REAL,
                      address TEXT, scope TEXT, status TEXT NOT NULL,
                      grade TEXT, grade_from TEXT, grade_until TEXT, cert_until TEXT, region TEXT,
                      center_level TEXT, center_served INTEGER, center_staff INTEGER, center_area REAL
                    );
                    CREATE INDEX org_file ON org(file_id);
                    CREATE INDEX org_name ON org(name);
                    CREATE TABLE org_inspection (
                      org_code TEXT NOT NULL REFERENCES org(code) ON DELETE CASCADE,
                      year INTEGER NOT NULL,
                      result TEXT NOT NULL,
                      PRIMARY KEY (org_code, year)
                    );
                    CREATE TABLE credit_record (
                      id INTEGER PRIMARY KEY,
                      file_id INTEGER NOT NULL REFERENCES corpus_file(id) ON DELETE CASCADE,
                      line INTEGER NOT NULL,
                      org_code TEXT NOT NULL, org_name TEXT,
                      list TEXT NOT NULL, reason TEXT NOT NULL, authority TEXT NOT NULL,
                      date TEXT NOT NULL, removed_on TEXT, removal_reason TEXT,
                      decision_no TEXT, basis TEXT, result TEXT
                    );
                    CREATE INDEX credit_file ON credit_record(file_id);
                    CREATE INDEX credit_org ON credit_record(org_code);
                    CREATE TABLE notice (
                      id TEXT PRIMARY KEY,
                      file_id INTEGER NOT NULL REFERENCES corpus_file(id) ON DELETE CASCADE,
                      line INTEGER NOT NULL,
                      title TEXT NOT NULL, kind TEXT NOT NULL, issuer TEXT NOT NULL,
                      date TEXT NOT NULL, body TEXT
                    );
                    CREATE INDEX notice_file ON notice(file_id);
                    CREATE INDEX notice_date ON notice(date);
                    CREATE TABLE notice_org (
                      notice_id TEXT NOT NULL REFERENCES notice(id) ON DELETE CASCADE,
                      org_code TEXT NOT NULL,
                      PRIMARY KEY (notice_id, org_code)
                    );
                    CREATE INDEX notice_org_code ON notice_org(org_code);
                    CREATE TABLE synonym (
                      term TEXT NOT NULL,
                      group_id INTEGER NOT NULL,
                      PRIMARY KEY (term, group_id)
                    );
                    CREATE TABLE pinyin_word (
                      word TEXT PRIMARY KEY,
                      pinyin TEXT NOT NULL,
                      initials TEXT NOT NULL
                    );
                    CREATE INDEX pinyin_word_pinyin ON pinyin_word(pinyin);
                    CREATE INDEX pinyin_word_initials ON pinyin_word(initials);
                    -- pinyin holds, for titles and names, the full pinyin and the initials of every
                    -- word-suffix of the title (jijinhuiguanlitiaoli guanlitiaoli tiaoli jjhgltl ...),
                    -- so a pinyin prefix query finds the name.
                    -- One ranked list over every kind: entry maps an FTS row to its record and file.
                    CREATE TABLE entry (
                      id INTEGER PRIMARY KEY,
                      file_id INTEGER NOT NULL REFERENCES corpus_file(id) ON DELETE CASCADE,
                      kind TEXT NOT NULL,
                      ref TEXT NOT NULL
                    );
                    CREATE INDEX entry_file ON entry(file_id);
                    CREATE INDEX entry_ref ON entry(kind, ref);
                    -- Two indexes of the same shape: the body of law (small, always fully ranked)
                    -- and the records (organizations, credit records, notices: up to millions).
                    CREATE VIRTUAL TABLE doc_search USING fts5(
                      title, label, body, tags, pinyin, kind UNINDEXED,
                      tokenize = 'gongshi'
                    );
                    CREATE VIRTUAL TABLE record_search USING fts5(
                      title, label, body, tags, pinyin, kind UNINDEXED,
                      tokenize = 'gongshi'
                    );
                    CREATE VIRTUAL TABLE doc_terms USING fts5vocab(doc_search, 'row');
                    CREATE VIRTUAL TABLE record_terms USING fts5vocab(record_search, 'row');
                    """)
        }
        // Regulations Q&A: curated FAQ, the colloquial vocabulary and the service-center contact.
        // Every row belongs to a corpus file, so re-indexing or removing the file replaces it.
        migrator.registerMigration("v2-qa") { db in
            try db.execute(
                sql: """
                    CREATE TABLE faq (
                      id INTEGER PRIMARY KEY,
                      file_id INTEGER NOT NULL REFERENCES corpus_file(id) ON DELETE CASCADE,
                      question TEXT NOT NULL,
                      variants TEXT NOT NULL,   -- other phrasings, one per line
                      answer TEXT NOT NULL
                    );
                    CREATE INDEX faq_file ON faq(file_id);
                    CREATE TABLE faq_article (
                      faq_id INTEGER NOT NULL REFERENCES faq(id) ON DELETE CASCADE,
                      seq INTEGER NOT NULL,
                      document_title TEXT NOT NULL,
                      article INTEGER,
                      PRIMARY KEY (faq_id, seq)
                    );
                    CREATE TABLE qa_vocabulary (
                      file_id INTEGER NOT NULL REFERENCES corpus_file(id) ON DELETE CASCADE,
                      kind TEXT NOT NULL,       -- question (question word), term (colloquial -> legal), document (short name -> title)
                      term TEXT NOT NULL,
                      expansion TEXT NOT NULL   -- legal terms separated by spaces, or a document title
                    );
                    CREATE INDEX qa_vocabulary_file ON qa_vocabulary(file_id);
                    CREATE TABLE service_center (
                      file_id INTEGER NOT NULL REFERENCES corpus_file(id) ON DELETE CASCADE,
                      name TEXT NOT NULL,
                      address TEXT, phone TEXT, hours TEXT, web TEXT
                    );
                    """)
        }
        // Transparency pages: word-start name keys for autocomplete (联想), service-center
        // rules loaded from Corpus/rules/, and indexes for the list filters.
        migrator.registerMigration("v2-disclosure") { db in
            try db.execute(
                sql: """
                    CREATE TABLE org_suggest (
                      id INTEGER PRIMARY KEY,
                      file_id INTEGER NOT NULL REFERENCES corpus_file(id) ON DELETE CASCADE,
                      key TEXT NOT NULL,
                      code TEXT NOT NULL,
                      pos INTEGER NOT NULL
                    );
                    CREATE INDEX org_suggest_key ON org_suggest(key);
                    CREATE INDEX org_suggest_file ON org_suggest(file_id);
                    CREATE TABLE center_rule (
                      id TEXT PRIMARY KEY,
                      seq INTEGER NOT NULL,
                      json TEXT NOT NULL
                    );
                    CREATE INDEX org_type_founded ON org(type, founded);
                    CREATE INDEX org_region ON org(region);
                    CREATE INDEX org_center ON org(center_level) WHERE center_level IS NOT NULL;
                    CREATE INDEX credit_list_date ON credit_record(list, date);
                    CREATE INDEX notice_kind_date ON notice(kind, date);
                    CREATE INDEX notice_issuer_date ON notice(issuer, date);
                    """)
        }
        // One number that every committed index run increases: the key of the readers'
        // caches (search results, Q&A lexicon, statistics).
        migrator.registerMigration("v3-generation") { db in
            try db.execute(
                sql: """
                    CREATE TABLE index_generation (
                      id INTEGER PRIMARY KEY CHECK (id = 1),
                      value INTEGER NOT NULL
                    );
                    INSERT INTO index_generation(id, value) VALUES (1, 0);
                    """)
        }
        // 办事指南: loaded whole on every index run (a few dozen rows), like the center rules.
        migrator.registerMigration("v4-guides") { db in
            try db.execute(
                sql: """
                    CREATE TABLE guide (
                      id TEXT PRIMARY KEY,
                      seq INTEGER NOT NULL,
                      json TEXT NOT NULL
                    );
                    """)
        }
        // Search: penalty decision numbers (决定书文号) typed into the search box are exact hits.
        migrator.registerMigration("v4-search") { db in
            try db.execute(sql: "CREATE INDEX IF NOT EXISTS credit_decision ON credit_record(decision_no) WHERE decision_no IS NOT NULL")
        }
        // Learned Q&A: question–article pairs read from <corpus>/qa-pairs/*.jsonl, and the
        // model the trainer builds from them and the articles (one blob per name).
        migrator.registerMigration("v5-qa-learning") { db in
            try db.execute(
                sql: """
                    CREATE TABLE qa_pair (
                      id INTEGER PRIMARY KEY,
                      file_id INTEGER NOT NULL REFERENCES corpus_file(id) ON DELETE CASCADE,
                      line INTEGER NOT NULL,
                      pair_id TEXT NOT NULL,
                      question TEXT NOT NULL,
                      relevant TEXT NOT NULL    -- JSON [{"title", "article"}]
                    );
                    CREATE INDEX qa_pair_file ON qa_pair(file_id);
                    CREATE TABLE qa_model (
                      name TEXT PRIMARY KEY,
                      data BLOB NOT NULL
                    );
                    """)
        }
        // Pages: a readable source (name and public URL) for each document, and the site's
        // identity from Corpus/site.yaml (one JSON row, loaded whole on every run).
        migrator.registerMigration("v6-pages") { db in
            try db.execute(
                sql: """
                    ALTER TABLE document ADD COLUMN source_name TEXT;
                    ALTER TABLE document ADD COLUMN source_url TEXT;
                    CREATE TABLE site_identity (
                      id INTEGER PRIMARY KEY CHECK (id = 1),
                      json TEXT NOT NULL
                    );
                    """)
        }
        return migrator
    }
}
