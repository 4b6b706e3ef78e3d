import GRDB

/// The desk database's migrations. The audit table refuses updates and deletes by
/// triggers: the trail is append-only even for code that tries otherwise.
enum DeskSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE account (
                      id INTEGER PRIMARY KEY,
                      name TEXT NOT NULL UNIQUE,
                      role TEXT NOT NULL CHECK (role IN ('staff', 'admin')),
                      password_hash TEXT NOT NULL,
                      disabled INTEGER NOT NULL DEFAULT 0,
                      created_at REAL NOT NULL
                    );
                    CREATE TABLE session (
                      id TEXT PRIMARY KEY,
                      account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                      csrf TEXT NOT NULL,
                      created_at REAL NOT NULL,
                      last_seen REAL NOT NULL
                    );
                    CREATE INDEX session_account ON session(account_id);
                    CREATE TABLE attempt (
                      kind TEXT NOT NULL,
                      key TEXT NOT NULL,
                      at REAL NOT NULL
                    );
                    CREATE INDEX attempt_key ON attempt(kind, key, at);
                    CREATE TABLE audit (
                      id INTEGER PRIMARY KEY,
                      at REAL NOT NULL,
                      actor TEXT NOT NULL,
                      action TEXT NOT NULL,
                      target TEXT NOT NULL DEFAULT '',
                      before TEXT,
                      after TEXT
                    );
                    CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
                    CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
                    CREATE TABLE consultation (
                      id INTEGER PRIMARY KEY,
                      channel TEXT NOT NULL,
                      received_at REAL NOT NULL,
                      question TEXT NOT NULL,
                      enquirer_name TEXT NOT NULL DEFAULT '',
                      enquirer_contact TEXT NOT NULL DEFAULT '',
                      org_code TEXT NOT NULL DEFAULT '',
                      org_name TEXT NOT NULL DEFAULT '',
                      tags TEXT NOT NULL DEFAULT '',
                      status TEXT NOT NULL,
                      assignee_id INTEGER REFERENCES account(id),
                      created_by INTEGER REFERENCES account(id),
                      receipt TEXT UNIQUE,
                      publishable INTEGER NOT NULL DEFAULT 0,
                      reply TEXT NOT NULL DEFAULT '',
                      replied_at REAL,
                      updated_at REAL NOT NULL
                    );
                    CREATE INDEX consultation_assignee ON consultation(assignee_id, status);
                    CREATE INDEX consultation_received ON consultation(received_at);
                    CREATE TABLE citation (
                      id INTEGER PRIMARY KEY,
                      consultation_id INTEGER NOT NULL REFERENCES consultation(id),
                      position INTEGER NOT NULL,
                      document_id TEXT NOT NULL,
                      document_title TEXT NOT NULL,
                      document_status TEXT,
                      label TEXT NOT NULL,
                      quoted_text TEXT NOT NULL,
                      generation INTEGER NOT NULL,
                      UNIQUE (consultation_id, document_id, label)
                    );
                    CREATE TABLE faq (
                      consultation_id INTEGER PRIMARY KEY REFERENCES consultation(id),
                      question TEXT NOT NULL,
                      answer TEXT NOT NULL,
                      articles TEXT NOT NULL,
                      published_at REAL NOT NULL,
                      published_by TEXT NOT NULL
                    );
                    """)
        }
        // Consultations searched the way the site searches: FTS5 with the gongshi tokenizer,
        // kept in step by triggers (the text is small; no external content table).
        migrator.registerMigration("v2-search") { db in
            try db.execute(
                sql: """
                    CREATE VIRTUAL TABLE consultation_search USING fts5(question, reply, tokenize = 'gongshi');
                    INSERT INTO consultation_search (rowid, question, reply) SELECT id, question, reply FROM consultation;
                    CREATE TRIGGER consultation_search_insert AFTER INSERT ON consultation BEGIN
                      INSERT INTO consultation_search (rowid, question, reply) VALUES (new.id, new.question, new.reply);
                    END;
                    CREATE TRIGGER consultation_search_update AFTER UPDATE OF question, reply ON consultation BEGIN
                      DELETE FROM consultation_search WHERE rowid = old.id;
                      INSERT INTO consultation_search (rowid, question, reply) VALUES (new.id, new.question, new.reply);
                    END;
                    """)
        }
        return migrator
    }
}
