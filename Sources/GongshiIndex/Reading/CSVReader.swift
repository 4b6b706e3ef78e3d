/// An RFC 4180 reader that keeps the line number where each record starts, so a bad
/// row can be reported as `file:line`. Quoted fields may hold commas, quotes ("")
/// and line breaks. Written here rather than taken from a CSV package because the
/// packages available do not report source line numbers. It scans UTF-8 bytes: the
/// syntax characters are ASCII, so they never occur inside a multi-byte character.
public struct CSVReader: Sequence {
    public struct Record: Sendable {
        public let line: Int
        public let fields: [String]
    }

    let bytes: [UInt8]

    public init(text: String) { bytes = Array(text.utf8) }

    public func makeIterator() -> Iterator { Iterator(bytes: bytes) }

    public struct Iterator: IteratorProtocol {
        let bytes: [UInt8]
        var index = 0
        var line = 1

        static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")

        init(bytes: [UInt8]) { self.bytes = bytes }

        public mutating func next() -> Record? {
            let n = bytes.count
            // Skip blank lines between records.
            while index < n, bytes[index] == Self.lf || bytes[index] == Self.cr {
                if bytes[index] == Self.lf { line += 1 }
                index += 1
            }
            guard index < n else { return nil }
            let startLine = line
            var fields: [String] = []
            while true {
                // One field, starting at `index`.
                if index < n, bytes[index] == Self.quote {
                    index += 1
                    var field: [UInt8] = []
                    while index < n {
                        let c = bytes[index]
                        if c == Self.quote {
                            if index + 1 < n, bytes[index + 1] == Self.quote {
                                field.append(c)
                                index += 2
                                continue
                            }
                            index += 1
                            break
                        }
                        if c == Self.lf { line += 1 }
                        field.append(c)
                        index += 1
                    }
                    // Anything between the closing quote and the separator is kept, as Excel does.
                    while index < n, bytes[index] != Self.comma, bytes[index] != Self.lf, bytes[index] != Self.cr {
                        field.append(bytes[index])
                        index += 1
                    }
                    fields.append(String(decoding: field, as: UTF8.self))
                } else {
                    let start = index
                    while index < n, bytes[index] != Self.comma, bytes[index] != Self.lf, bytes[index] != Self.cr { index += 1 }
                    fields.append(String(decoding: bytes[start..<index], as: UTF8.self))
                }
                guard index < n else { return Record(line: startLine, fields: fields) }
                let c = bytes[index]
                index += 1
                if c == Self.comma { continue }
                if c == Self.cr, index < n, bytes[index] == Self.lf { index += 1 }
                line += 1
                return Record(line: startLine, fields: fields)
            }
        }
    }
}
