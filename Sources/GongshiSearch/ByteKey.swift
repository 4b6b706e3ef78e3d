import Foundation

/// A string compared and hashed by its UTF-8 bytes: Swift's String hashes and compares
/// by canonical equivalence, which normalizes every non-ASCII key (most of a search's
/// bookkeeping cost over Chinese ids). Ids and names come from one index, written one
/// way, so byte equality is the equality wanted.
struct ByteKey: Hashable, Sendable {
    let text: String

    init(_ text: String) { self.text = text }

    static func == (a: ByteKey, b: ByteKey) -> Bool {
        let equal = a.text.utf8.withContiguousStorageIfAvailable { x in
            b.text.utf8.withContiguousStorageIfAvailable { y -> Bool in
                guard x.count == y.count else { return false }
                // Both empty when either has no storage.
                guard let p = x.baseAddress, let q = y.baseAddress else { return true }
                return memcmp(p, q, x.count) == 0
            }
        }
        return (equal ?? nil) ?? a.text.utf8.elementsEqual(b.text.utf8)
    }

    /// FNV-1a over the bytes, then one word into the Hasher: SipHash over every byte, and
    /// iterating a String's UTF-8 view, cost more than a thousand instructions per key.
    /// Keys come from the index, not from what users type.
    func hash(into hasher: inout Hasher) {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        let hashed = text.utf8.withContiguousStorageIfAvailable { bytes in
            for byte in bytes { value = (value ^ UInt64(byte)) &* 0x100_0000_01b3 }
        }
        if hashed == nil {
            for byte in text.utf8 { value = (value ^ UInt64(byte)) &* 0x100_0000_01b3 }
        }
        hasher.combine(value)
    }
}
