import Foundation

/// Streams CSV rows (RFC 4180: fields containing a comma, a double quote, CR or LF are
/// quoted, quotes doubled; rows end with LF) to `prefix-0001.csv`, `prefix-0002.csv`, …,
/// starting a new file, with the header, every `rowsPerFile` rows. Bytes are buffered
/// and written in blocks of about a megabyte, so memory stays flat at any row count.
struct ChunkedCSVWriter {
    let directory: URL
    let prefix: String
    let header: [String]
    let rowsPerFile: Int
    private var handle: FileHandle?
    private var buffer: [UInt8] = []
    private var rowsInFile = 0
    private var fileNumber = 0
    private(set) var files: [String] = []
    private(set) var rows = 0

    static let blockSize = 1 << 20

    init(directory: URL, prefix: String, header: [String], rowsPerFile: Int) {
        self.directory = directory
        self.prefix = prefix
        self.header = header
        self.rowsPerFile = max(1, rowsPerFile)
        buffer.reserveCapacity(Self.blockSize + 64 * 1024)
    }

    mutating func write(_ fields: [String]) throws {
        if handle == nil || rowsInFile == rowsPerFile { try startFile() }
        Self.append(fields, to: &buffer)
        rowsInFile += 1
        rows += 1
        if buffer.count >= Self.blockSize { try flush() }
    }

    /// Closes the last file; returns every path written, relative to the corpus root
    /// (`orgs/orgs-0001.csv`).
    mutating func finish() throws -> [String] {
        try closeFile()
        return files
    }

    private mutating func startFile() throws {
        try closeFile()
        fileNumber += 1
        let number = String(fileNumber)
        let name = "\(prefix)-\(String(repeating: "0", count: max(0, 4 - number.count)))\(number).csv"
        let url = directory.appendingPathComponent(name)
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        handle = try FileHandle(forWritingTo: url)
        files.append("\(directory.lastPathComponent)/\(name)")
        rowsInFile = 0
        Self.append(header, to: &buffer)
    }

    private mutating func flush() throws {
        guard let handle, !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    private mutating func closeFile() throws {
        try flush()
        try handle?.close()
        handle = nil
    }

    static func append(_ fields: [String], to buffer: inout [UInt8]) {
        for i in fields.indices {
            if i > 0 { buffer.append(44) }
            var field = fields[i]
            field.withUTF8 { bytes in
                var special = false
                var quote = false
                for byte in bytes where isSpecial(byte) {
                    special = true
                    if byte == 34 { quote = true }
                }
                guard special else {
                    buffer.append(contentsOf: bytes)
                    return
                }
                buffer.append(34)
                if quote {
                    for byte in bytes {
                        buffer.append(byte)
                        if byte == 34 { buffer.append(34) }
                    }
                } else {
                    buffer.append(contentsOf: bytes)
                }
                buffer.append(34)
            }
        }
        buffer.append(10)
    }

    /// Comma, double quote, LF or CR.
    static func isSpecial(_ byte: UInt8) -> Bool { byte == 44 || byte == 34 || byte == 10 || byte == 13 }

    /// One CSV line (with its LF), as `append` writes it.
    static func line(_ fields: [String]) -> String {
        var bytes: [UInt8] = []
        append(fields, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}
