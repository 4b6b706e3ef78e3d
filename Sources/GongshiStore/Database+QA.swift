import GRDB

/// Writing the Q&A data: FAQ entries, the vocabulary and the service-center contact.
/// Rows belong to their corpus file and go with it.
extension Database {
    public func insertFAQ(_ entry: FAQEntry, fileId: Int64) throws {
        try cachedStatement(sql: "INSERT INTO faq(file_id, question, variants, answer) VALUES (?, ?, ?, ?)")
            .execute(arguments: [fileId, entry.question, entry.variants.joined(separator: "\n"), entry.answer])
        let id = lastInsertedRowID
        for (seq, article) in entry.articles.enumerated() {
            try cachedStatement(sql: "INSERT INTO faq_article(faq_id, seq, document_title, article) VALUES (?, ?, ?, ?)")
                .execute(arguments: [id, seq, article.documentTitle, article.article])
        }
    }

    public func insertQAVocabulary(_ vocabulary: QAVocabulary, fileId: Int64) throws {
        for entry in vocabulary.entries {
            try cachedStatement(sql: "INSERT INTO qa_vocabulary(file_id, kind, term, expansion) VALUES (?, ?, ?, ?)")
                .execute(arguments: [fileId, entry.kind.rawValue, entry.term, entry.expansions.joined(separator: " ")])
        }
    }

    public func replaceServiceCenter(_ center: ServiceCenter, fileId: Int64) throws {
        try execute(sql: "DELETE FROM service_center")
        try cachedStatement(sql: "INSERT INTO service_center(file_id, name, address, phone, hours, web) VALUES (?, ?, ?, ?, ?, ?)")
            .execute(arguments: [fileId, center.name, center.address, center.phone, center.hours, center.web])
    }
}
