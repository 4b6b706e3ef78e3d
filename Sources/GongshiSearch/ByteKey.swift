/// A string compared and hashed by its UTF-8 bytes: Swift's String hashes and compares
/// by canonical equivalence, which normalizes every non-ASCII key (most of a search's
/// bookkeeping cost over Chinese ids). Ids and names come from one index, written one
/// way, so byte equality is the equality wanted.
struct ByteKey: Hashable, Sendable {
    let text: String

    init(_ text: String) { self.text = text }

    static func == (a: ByteKey, b: ByteKey) -> Bool {
        a.text.utf8.count == b.text.utf8.count && a.text.utf8.elementsEqual(b.text.utf8)
    }

    func hash(into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
