import Foundation

/// One row of a CSV or JSON Lines file, keyed by canonical English field names.
public struct RecordRow: Sendable {
    public let line: Int
    public var values: [String: String]

    public init(line: Int, values: [String: String]) {
        self.line = line
        self.values = values
    }

    /// The trimmed value, nil when absent or empty.
    public subscript(_ key: String) -> String? {
        guard let raw = values[key] else { return nil }
        let trimmed = RecordRow.trim(raw)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// Trims white space without a Foundation round trip (this runs for every cell of
    /// every row; most cells need no trimming and are returned as they are).
    static func trim(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return text }
        if !first.properties.isWhitespace && !last.properties.isWhitespace { return text }
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[start...end])
    }
}

/// Reads CSV (with a header row) or JSON Lines into rows with canonical keys.
/// Chinese headers are mapped through `aliases`; unknown columns are ignored.
public struct RecordFileReader {
    public let aliases: [String: String]
    /// Key → the column's name in messages, `名称(name)`.
    let names: [String: String]
    /// Key → the most characters a value may have (`FieldLimits`).
    let limits: [String: Int]

    public init(fields: [(key: String, chinese: String)], limits: [String: Int] = [:]) {
        var map: [String: String] = [:]
        var names: [String: String] = [:]
        for field in fields {
            map[field.key] = field.key
            map[field.chinese] = field.key
            names[field.key] = "\(field.chinese)(\(field.key))"
        }
        aliases = map
        self.names = names
        self.limits = limits
    }

    /// The first value over its column's limit, as a problem of the row.
    func oversized(_ values: [String: String], line: Int, file: String) -> RowProblem? {
        for (key, value) in values {
            let limit = limits[key] ?? FieldLimits.otherwise
            // UTF-8 bytes bound the characters from above: count characters only when needed.
            guard value.utf8.count > limit, value.unicodeScalars.count > limit else { continue }
            return RowProblem(
                file: file, line: line, field: names[key] ?? key,
                why: "长度为 \(value.unicodeScalars.count) 个字符，超过上限 \(limit)")
        }
        return nil
    }

    func canonical(_ header: String) -> String? {
        let trimmed = header.trimmingCharacters(in: .whitespacesAndNewlines)
        return aliases[trimmed] ?? aliases[trimmed.lowercased()]
    }

    /// Returns the rows, and the problems of rows that could not be read at all.
    public func read(text: String, isJSONLines: Bool, file: String) -> (rows: [RecordRow], problems: [RowProblem]) {
        isJSONLines ? readJSONLines(text, file: file) : readCSV(text, file: file)
    }

    private func readCSV(_ text: String, file: String) -> ([RecordRow], [RowProblem]) {
        var iterator = CSVReader(text: text).makeIterator()
        guard let header = iterator.next() else { return ([], []) }
        let keys = header.fields.map { canonical($0) }
        if header.unterminatedQuote || !keys.contains(where: { $0 != nil }) {
            return ([], [RowProblem(file: file, line: header.line, field: "表头", why: "没有可识别的列名（文件的第一行应为表头）")])
        }
        var rows: [RowProblem] = []
        var out: [RecordRow] = []
        while let record = iterator.next() {
            // A quote that never closes, or that closes only on a later line where the row
            // then has the wrong number of columns: the quote on the record's first line is
            // unpaired. Report it there and read the following lines as rows of their own.
            if record.unterminatedQuote || (record.nextLine > record.line + 1 && (record.suspectQuote || record.fields.count != keys.count)) {
                rows.append(RowProblem(file: file, line: record.line, field: "行", why: "未闭合的引号（第 \(record.line) 行的引号没有配对）"))
                if !record.unterminatedQuote { iterator.restart(after: record) }
                continue
            }
            if record.fields.count > keys.count, record.fields[keys.count...].contains(where: { !$0.isEmpty }) {
                rows.append(RowProblem(file: file, line: record.line, field: "行", why: "列数为\(record.fields.count)，多于表头的\(keys.count)列"))
                continue
            }
            var values: [String: String] = [:]
            for (i, value) in record.fields.enumerated() where i < keys.count {
                if let key = keys[i] { values[key] = value }
            }
            if let problem = oversized(values, line: record.line, file: file) {
                rows.append(problem)
                continue
            }
            out.append(RecordRow(line: record.line, values: values))
        }
        return (out, rows)
    }

    private func readJSONLines(_ text: String, file: String) -> ([RecordRow], [RowProblem]) {
        var out: [RecordRow] = []
        var problems: [RowProblem] = []
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.utf8.count > FieldLimits.line {
                problems.append(RowProblem(file: file, line: lineNumber, field: "行", why: "长度超过上限 \(FieldLimits.line / 1024) KB"))
                continue
            }
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { continue }
            guard let data = trimmed.data(using: .utf8),
                let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
            else {
                problems.append(RowProblem(file: file, line: lineNumber, field: "行", why: "不是合法的 JSON 对象"))
                continue
            }
            var values: [String: String] = [:]
            for (key, value) in object {
                guard let canonicalKey = canonical(key) else { continue }
                switch value {
                case let string as String: values[canonicalKey] = string
                case let number as NSNumber: values[canonicalKey] = number.stringValue
                case let array as [Any]: values[canonicalKey] = array.map { "\($0)" }.joined(separator: ";")
                default: continue
                }
            }
            if let problem = oversized(values, line: lineNumber, file: file) {
                problems.append(problem)
                continue
            }
            out.append(RecordRow(line: lineNumber, values: values))
        }
        return (out, problems)
    }
}
