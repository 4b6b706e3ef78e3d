import GongshiStore
import GRDB

/// Indexing the Q&A files: FAQ entries, the vocabulary and the service-center contact.
extension Indexer {
    /// Writes one Q&A file; returns how many records were accepted.
    func ingestQA(_ file: CorpusFile, text: String, fileId: Int64, db: Database, summary: inout IndexSummary) throws -> Int {
        let path = file.relativePath
        do {
            switch file.kind {
            case .faq:
                try db.insertFAQ(try FAQParser.parse(text, file: path), fileId: fileId)
                summary.written["faq", default: 0] += 1
                return 1
            case .qaVocabulary:
                let (vocabulary, problems) = QAVocabularyParser.parse(text, file: path)
                summary.problems += problems
                try db.insertQAVocabulary(vocabulary, fileId: fileId)
                summary.written["qa_vocabulary", default: 0] += vocabulary.entries.count
                return vocabulary.entries.count
            case .serviceCenter:
                try db.replaceServiceCenter(try ServiceCenterParser.parse(text, file: path), fileId: fileId)
                return 1
            default:
                return 0
            }
        } catch let problem as RowProblem {
            summary.problems.append(problem)
            return 0
        }
    }
}
