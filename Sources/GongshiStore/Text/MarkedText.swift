/// Text with the parts that matched a query, as engines return it: the text exactly as
/// stored and the UTF-8 byte ranges of the matches (sorted, not overlapping, touching
/// ranges merged). The web escapes it and marks the ranges; a terminal prints them bold.
public struct MarkedText: Sendable, Hashable {
    public var text: String
    public var marks: [Range<Int>]

    public init(_ text: String, marks: [Range<Int>] = []) {
        self.text = text
        self.marks = MarkedText.merged(marks)
    }

    /// FTS5 `snippet()`/`highlight()` output with U+0001 before and U+0002 after each
    /// match (see `SearchEngine`): the markers are removed and become the ranges.
    public init(fts5Snippet raw: String) {
        let (bytes, marks) = MarkedText.unmarked(raw.utf8, count: raw.utf8.count)
        self.init(String(decoding: bytes, as: UTF8.self), marks: marks)
    }

    /// `init(fts5Snippet:)` of the string the bytes of `raw` make (NUL-free UTF-8, as
    /// snippet.c writes it), read from the bytes: one copy instead of three when the caller
    /// knows them to be valid UTF-8 (`validUTF8`; without the markers, which are characters
    /// of their own, they stay valid, so the string holds the same bytes).
    public init(fts5Snippet raw: UnsafeBufferPointer<UInt8>, validUTF8: Bool) {
        guard validUTF8 else {
            self.init(fts5Snippet: String(decoding: raw, as: UTF8.self))
            return
        }
        let (bytes, marks) = MarkedText.unmarked(raw, count: raw.count)
        self.init(bytes.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }, marks: marks)
    }

    /// The bytes without the U+0001/U+0002 markers, and the ranges the markers enclosed (an
    /// unclosed one runs to the end).
    private static func unmarked<Bytes: Sequence<UInt8>>(_ raw: Bytes, count: Int) -> ([UInt8], [Range<Int>]) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        var marks: [Range<Int>] = []
        var start: Int?
        for b in raw {
            switch b {
            case 0x01: start = bytes.count
            case 0x02:
                if let s = start { marks.append(s..<bytes.count) }
                start = nil
            default: bytes.append(b)
            }
        }
        if let s = start { marks.append(s..<bytes.count) }
        return (bytes, marks)
    }

    /// The text cut at the marks: each piece with whether it matched.
    public var segments: [(text: Substring, marked: Bool)] {
        let utf8 = text.utf8
        var out: [(Substring, Bool)] = []
        var position = 0
        func piece(_ from: Int, _ to: Int) -> Substring {
            Substring(utf8[utf8.index(utf8.startIndex, offsetBy: from)..<utf8.index(utf8.startIndex, offsetBy: to)])
        }
        let count = utf8.count
        for mark in marks where mark.lowerBound >= position && mark.upperBound <= count {
            if mark.lowerBound > position { out.append((piece(position, mark.lowerBound), false)) }
            out.append((piece(mark.lowerBound, mark.upperBound), true))
            position = mark.upperBound
        }
        if position < count { out.append((piece(position, count), false)) }
        return out
    }

    /// Sorted ranges with touching or overlapping ones joined (two adjacent matched
    /// characters are one mark, not two).
    static func merged(_ marks: [Range<Int>]) -> [Range<Int>] {
        guard marks.count > 1 else { return marks }
        var out: [Range<Int>] = []
        // Snippets list their marks in order: sorting is then needless.
        let ordered = zip(marks, marks.dropFirst()).allSatisfy { $0.lowerBound <= $1.lowerBound }
        for mark in ordered ? marks : marks.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = out.last, mark.lowerBound <= last.upperBound {
                out[out.count - 1] = last.lowerBound..<max(last.upperBound, mark.upperBound)
            } else {
                out.append(mark)
            }
        }
        return out
    }
}
