import Foundation

/// Writes CSV rows (RFC 4180 quoting) to `prefix-0001.csv`, `prefix-0002.csv`, …,
/// starting a new file every `rowsPerFile` rows, each with the header.
struct ChunkedCSVWriter {
    let directory: URL
    let prefix: String
    let header: [String]
    let rowsPerFile: Int
    private var buffer = ""
    private var rowsInFile = 0
    private var fileNumber = 0
    private var files: [String] = []

    init(directory: URL, prefix: String, header: [String], rowsPerFile: Int) {
        self.directory = directory
        self.prefix = prefix
        self.header = header
        self.rowsPerFile = max(1, rowsPerFile)
    }

    mutating func write(_ fields: [String]) throws {
        if rowsInFile == rowsPerFile { try flush() }
        if rowsInFile == 0 { buffer = Self.line(header) }
        buffer += Self.line(fields)
        rowsInFile += 1
    }

    /// Writes the last file; returns the paths written, relative to the corpus root.
    mutating func finish() throws -> [String] {
        if rowsInFile > 0 { try flush() }
        return files
    }

    private mutating func flush() throws {
        fileNumber += 1
        let name = String(format: "%@-%04d.csv", prefix, fileNumber)
        try Data(buffer.utf8).write(to: directory.appendingPathComponent(name))
        files.append("\(directory.lastPathComponent)/\(name)")
        buffer = ""
        rowsInFile = 0
    }

    static func line(_ fields: [String]) -> String {
        fields.map(quote).joined(separator: ",") + "\n"
    }

    static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
