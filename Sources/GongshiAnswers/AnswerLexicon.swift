import Foundation
import GRDB
import GongshiStore

/// What question analysis knows, loaded from the index: synonyms, the Q&A vocabulary,
/// document titles and short names, the FAQ and the service-center contact. Loaded once
/// per index generation (a changed corpus file gives a new fingerprint).
struct AnswerLexicon: Sendable {
    enum PhraseKind: Int, Sendable, Comparable {
        case question = 0, document, synonym, term
        static func < (a: PhraseKind, b: PhraseKind) -> Bool { a.rawValue < b.rawValue }
    }

    struct Phrase: Sendable {
        var kind: PhraseKind
        /// Folded terms to search for instead of (or besides) the phrase.
        var expansions: [String]
        /// For `document`: the titles the phrase names.
        var titles: [String]
    }

    struct Document: Sendable {
        let id: String
        let title: String
        /// The title folded, without 中华人民共和国 and parentheses: 慈善法, 基金会管理条例.
        let shortTitle: String
        let status: String?
    }

    struct FAQ: Sendable {
        let id: Int64
        let question: String
        let answer: String
        let articles: [FAQEntry.ArticleReference]
        /// The question and its variants as written.
        var texts: [String] = []
        /// Concept sets of the question and of each variant.
        var phrasings: [[QuestionAnalysis.Concept]] = []
    }

    /// Folded phrase -> what it is; keys of one character apply only to whole words.
    var phrases: [String: Phrase] = [:]
    var maxPhraseLength = 1
    var documents: [Document] = []
    var faqs: [FAQ] = []
    var serviceCenter: ServiceCenter?
    /// Folded single-character question words (的, 吗) that apply to whole words.
    var questionWords: Set<String> = []

    static func fingerprint(_ db: Database) throws -> String {
        String(try db.indexGeneration())
    }

    static func load(_ db: Database, fold: (String) -> String) throws -> AnswerLexicon {
        var lexicon = AnswerLexicon()
        func add(_ term: String, _ phrase: Phrase) {
            let key = fold(term)
            guard !key.isEmpty else { return }
            if var existing = lexicon.phrases[key] {
                // A mapping wins over a question word; expansions of the same rank merge.
                if phrase.kind > existing.kind { existing.kind = phrase.kind }
                for e in phrase.expansions where !existing.expansions.contains(e) { existing.expansions.append(e) }
                existing.titles += phrase.titles
                lexicon.phrases[key] = existing
            } else {
                lexicon.phrases[key] = phrase
            }
            lexicon.maxPhraseLength = max(lexicon.maxPhraseLength, key.count)
        }

        // Synonym groups: every term finds the others.
        var groups: [Int: [String]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT term, group_id FROM synonym") {
            groups[row["group_id"], default: []].append(fold(row["term"]))
        }
        for terms in groups.values {
            for term in terms { add(term, Phrase(kind: .synonym, expansions: terms.filter { !$0.isEmpty }, titles: [])) }
        }
        for row in try Row.fetchAll(db, sql: "SELECT kind, term, expansion FROM qa_vocabulary") {
            let term: String = row["term"]
            let expansion: String = row["expansion"]
            switch QAVocabulary.Kind(rawValue: row["kind"]) {
            case .question:
                let key = fold(term)
                if key.count == 1 { lexicon.questionWords.insert(key) } else { add(term, Phrase(kind: .question, expansions: [], titles: [])) }
            case .term:
                add(term, Phrase(kind: .term, expansions: expansion.split(separator: " ").map { fold(String($0)) }.filter { !$0.isEmpty }, titles: []))
            case .document:
                add(term, Phrase(kind: .document, expansions: [], titles: [expansion]))
            case nil:
                continue
            }
        }

        for row in try Row.fetchAll(db, sql: "SELECT id, title, status FROM document") {
            let title: String = row["title"]
            let short = fold(Self.shortTitle(title))
            lexicon.documents.append(Document(id: row["id"], title: title, shortTitle: short, status: row["status"]))
            // A question that names a document by its (short) title favours it.
            if short.count >= 4 { add(short, Phrase(kind: .document, expansions: [], titles: [title])) }
        }

        var articles: [Int64: [FAQEntry.ArticleReference]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT faq_id, document_title, article FROM faq_article ORDER BY faq_id, seq") {
            articles[row["faq_id"], default: []].append(FAQEntry.ArticleReference(documentTitle: row["document_title"], article: row["article"]))
        }
        for row in try Row.fetchAll(db, sql: "SELECT id, question, variants, answer FROM faq ORDER BY id") {
            let id: Int64 = row["id"]
            var faq = FAQ(id: id, question: row["question"], answer: row["answer"], articles: articles[id] ?? [])
            let variants: String = row["variants"]
            // Their concepts are filled in by the analyzer, which needs this lexicon first.
            faq.texts = [faq.question] + variants.split(separator: "\n").map(String.init)
            lexicon.faqs.append(faq)
        }
        if let row = try Row.fetchOne(db, sql: "SELECT name, address, phone, hours, web FROM service_center LIMIT 1") {
            lexicon.serviceCenter = ServiceCenter(name: row["name"], address: row["address"], phone: row["phone"], hours: row["hours"], web: row["web"])
        }
        return lexicon
    }

    /// 中华人民共和国慈善法 -> 慈善法; 民法典（总则编…） -> 民法典.
    static func shortTitle(_ title: String) -> String {
        var t = title
        if let open = t.firstIndex(where: { $0 == "（" || $0 == "(" }) { t = String(t[..<open]) }
        if t.hasPrefix("中华人民共和国") { t.removeFirst("中华人民共和国".count) }
        return t.trimmingCharacters(in: .whitespaces)
    }
}
