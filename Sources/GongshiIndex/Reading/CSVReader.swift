/// An RFC 4180 reader that keeps the line number where each record starts, so a bad
/// row can be reported as `file:line`. Quoted fields may hold commas, quotes ("")
/// and line breaks. Written here rather than taken from a CSV package because the
/// packages available do not report source line numbers.
public struct CSVReader: Sequence {
    public struct Record: Sendable {
        public let line: Int
        public let fields: [String]
    }

    let text: String

    public init(text: String) { self.text = text }

    public func makeIterator() -> Iterator { Iterator(scalars: Array(text.unicodeScalars)) }

    public struct Iterator: IteratorProtocol {
        let scalars: [Unicode.Scalar]
        var index = 0
        var line = 1

        init(scalars: [Unicode.Scalar]) { self.scalars = scalars }

        public mutating func next() -> Record? {
            // Skip blank lines between records.
            while index < scalars.count, scalars[index] == "\n" || scalars[index] == "\r" {
                if scalars[index] == "\n" { line += 1 }
                index += 1
            }
            guard index < scalars.count else { return nil }
            let startLine = line
            var fields: [String] = []
            var field = String.UnicodeScalarView()
            var quoted = false
            while index < scalars.count {
                let c = scalars[index]
                index += 1
                if quoted {
                    if c == "\"" {
                        if index < scalars.count, scalars[index] == "\"" {
                            field.append("\"")
                            index += 1
                        } else {
                            quoted = false
                        }
                    } else {
                        if c == "\n" { line += 1 }
                        field.append(c)
                    }
                    continue
                }
                switch c {
                case "\"" where field.isEmpty:
                    quoted = true
                case ",":
                    fields.append(String(field))
                    field = String.UnicodeScalarView()
                case "\r":
                    continue
                case "\n":
                    line += 1
                    fields.append(String(field))
                    return Record(line: startLine, fields: fields)
                default:
                    field.append(c)
                }
            }
            fields.append(String(field))
            return Record(line: startLine, fields: fields)
        }
    }
}
