import CChineseTokenizer

extension ChineseTokenizer {
    /// The tokens `gongshi_tokenizer_mark` finds for snippets (each position's token, then
    /// its colocated bigram, given the position's offsets: marks keep no others), unpacked:
    /// the tokens of `tokens(text, mode: .marking)`, which the tests check. Throws when ICU
    /// or an allocation fails.
    public func marks(_ text: String) throws(StoreError) -> [Token] {
        let bytes = Array(text.utf8)
        guard bytes.count <= Int(Int32.max) else {
            throw StoreError(kind: .tokenizer, message: "text of \(bytes.count) bytes is too long to tokenize")
        }
        var marks = GongshiMarks()
        defer { gongshi_marks_free(&marks) }
        let rc = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { gongshi_tokenizer_mark(handle, $0.baseAddress, Int32($0.count), &marks) }
        }
        guard rc == 0 else { throw StoreError(kind: .tokenizer, message: "marking failed with SQLite result code \(rc)") }
        func unpacked(_ key: UInt64, _ length: Int32) -> String {
            let n = Int(length)
            if n <= Int(GONGSHI_PACKED_BYTES) {
                return String(decoding: (0..<n).map { UInt8(truncatingIfNeeded: key >> (8 * UInt64($0))) }, as: UTF8.self)
            }
            let stored = UnsafeRawBufferPointer(start: marks.bytes, count: Int(marks.used))
            return String(decoding: stored[Int(key)..<Int(key) + n], as: UTF8.self)
        }
        var tokens: [Token] = []
        for i in 0..<Int(marks.count) {
            guard let mark = marks.items?[i] else { break }
            tokens.append(Token(unpacked(mark.key, mark.length), Int(mark.start), Int(mark.end)))
            if mark.bigramLength > 0 {
                tokens.append(Token(unpacked(mark.bigramKey, mark.bigramLength), Int(mark.start), Int(mark.end), colocated: true))
            }
        }
        return tokens
    }
}
