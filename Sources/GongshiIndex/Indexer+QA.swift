import GRDB
import GongshiStore

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
                // An empty file (every field unset) is allowed: no contact is shown, and
                // `qaWarnings` tells the operator.
                guard let center = try ServiceCenterParser.parse(text, file: path) else { return 0 }
                try db.replaceServiceCenter(center, fileId: fileId)
                return 1
            case .qaPairs:
                let (pairs, problems) = QAPairParser.parse(text, file: path)
                summary.problems += problems
                for (line, pair) in pairs { try db.insertQAPair(pair, line: line, fileId: fileId) }
                summary.written["qa_pair", default: 0] += pairs.count
                return pairs.count
            default:
                return 0
            }
        } catch let problem as RowProblem {
            summary.problems.append(problem)
            return 0
        }
    }

    /// What the operator should know about the Q&A set-up, without rejecting anything:
    /// a missing service-center contact means the public sees no contact at all.
    func qaWarnings(db: Database) throws -> [String] {
        var warnings: [String] = []
        let row = try Row.fetchOne(db, sql: "SELECT name, address, phone FROM service_center LIMIT 1")
        if row == nil {
            warnings.append("service-center.yaml 未配置社会组织服务中心（name）：问答页不显示任何联系方式")
        } else {
            if (row?["phone"] as String?) == nil { warnings.append("service-center.yaml 未配置电话（phone）：问答页不显示电话") }
            if (row?["address"] as String?) == nil { warnings.append("service-center.yaml 未配置地址（address）：问答页不显示地址") }
        }
        return warnings
    }
}
