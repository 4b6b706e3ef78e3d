import GongshiStore

/// Reads `Corpus/qa-vocabulary.txt`: sections `[问句词]` (words separated by spaces),
/// `[口语]` (`捐钱 = 捐赠 捐款`) and `[简称]` (`慈善法 = 中华人民共和国慈善法`); `#` starts a comment.
public enum QAVocabularyParser {
    public static func parse(_ text: String, file: String) -> (QAVocabulary, [RowProblem]) {
        var vocabulary = QAVocabulary()
        var problems: [RowProblem] = []
        var section: QAVocabulary.Kind?
        for (n, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? "").trimmed
            if line.isEmpty { continue }
            if line.hasPrefix("[") && line.hasSuffix("]") {
                switch String(line.dropFirst().dropLast()).trimmed {
                case "问句词": section = .question
                case "口语": section = .term
                case "简称": section = .document
                default:
                    problems.append(RowProblem(file: file, line: n + 1, field: "分节", why: "“\(line)”不是已知的分节（[问句词]、[口语]、[简称]）"))
                    section = nil
                }
                continue
            }
            guard let kind = section else {
                problems.append(RowProblem(file: file, line: n + 1, field: "分节", why: "词条出现在任何分节之前"))
                continue
            }
            switch kind {
            case .question:
                for word in line.split(whereSeparator: \.isWhitespace) {
                    vocabulary.entries.append(.init(kind: .question, term: String(word), expansions: []))
                }
            case .term, .document:
                let parts = line.split(separator: "=", maxSplits: 1).map { String($0).trimmed }
                guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                    problems.append(RowProblem(file: file, line: n + 1, field: kind == .term ? "口语" : "简称", why: "应写作“词 = 对应用语”"))
                    continue
                }
                let expansions = kind == .term ? parts[1].split(whereSeparator: \.isWhitespace).map(String.init) : [parts[1]]
                for term in parts[0].split(whereSeparator: \.isWhitespace) {
                    vocabulary.entries.append(.init(kind: kind, term: String(term), expansions: expansions))
                }
            }
        }
        return (vocabulary, problems)
    }
}
