/// An RFC 4180 reader that keeps the line number where each record starts, so a bad
/// row can be reported as `file:line`. Quoted fields may hold commas, quotes ("")
/// and line breaks. Written here rather than taken from a CSV package because the
/// packages available do not report source line numbers. It scans UTF-8 bytes: the
/// syntax characters are ASCII, so they never occur inside a multi-byte character.
public struct CSVReader: Sequence {
    public struct Record: Sendable {
        public let line: Int
        public let fields: [String]
        /// The line after the record's last one (more than `line + 1` when a quoted field
        /// held line breaks).
        public var nextLine: Int = 0
        /// Set when the record could not be read: a quote opened on `line` never closed.
        public var unterminatedQuote = false
        /// A quoted field ran over a line break and its closing quote was followed by more
        /// text (`"…\n…"xyz`): almost surely a quote on `line` paired with one on a later line.
        public var suspectQuote = false
        /// Byte offset of the record's first byte.
        var start = 0
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
            let startIndex = index
            var fields: [String] = []
            var suspect = false
            func record() -> Record {
                var r = Record(line: startLine, fields: fields, nextLine: line)
                r.start = startIndex
                r.suspectQuote = suspect
                return r
            }
            while true {
                // One field, starting at `index`.
                if index < n, bytes[index] == Self.quote {
                    index += 1
                    var field: [UInt8] = []
                    var closed = false
                    while index < n {
                        let c = bytes[index]
                        if c == Self.quote {
                            if index + 1 < n, bytes[index + 1] == Self.quote {
                                field.append(c)
                                index += 2
                                continue
                            }
                            index += 1
                            closed = true
                            break
                        }
                        if c == Self.lf { line += 1 }
                        field.append(c)
                        index += 1
                    }
                    if !closed {
                        // The quote never closes: the rest of the file would be one field.
                        // Report the record and read on from the line after its start.
                        var r = record()
                        r.unterminatedQuote = true
                        restart(after: r)
                        return r
                    }
                    // Anything between the closing quote and the separator is kept, as Excel does.
                    if index < n, bytes[index] != Self.comma, bytes[index] != Self.lf, bytes[index] != Self.cr, field.contains(Self.lf) {
                        suspect = true
                    }
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
                guard index < n else { return record() }
                let c = bytes[index]
                index += 1
                if c == Self.comma { continue }
                if c == Self.cr, index < n, bytes[index] == Self.lf { index += 1 }
                line += 1
                return record()
            }
        }

        /// Reads on from the line after `record`'s first line: for a record that turned out
        /// to be a quote paired with one on a later line, so the rows in between are not lost.
        public mutating func restart(after record: Record) {
            var i = record.start
            while i < bytes.count, bytes[i] != Self.lf { i += 1 }
            index = Swift.min(i + 1, bytes.count)
            line = record.line + 1
        }
    }
}
