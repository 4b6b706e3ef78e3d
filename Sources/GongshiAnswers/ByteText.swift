import Foundation

/// Text as UTF-8 bytes with ASCII letters lower-cased, for the many substring tests of
/// re-ranking (String.contains on Chinese text is far slower than comparing bytes).
/// UTF-8 is self-synchronising, so a byte match of whole characters is a character match.
struct ByteText {
    let bytes: [UInt8]

    init(_ text: String) {
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBufferPointer { buffer in
            for i in buffer.indices where buffer[i] &- 65 < 26 { buffer[i] += 32 }
        }
        self.bytes = bytes
    }

    init(bytes: [UInt8]) { self.bytes = bytes }

    /// From the UTF-8 bytes of a text column, without building a String.
    init(utf8 data: Data?) {
        var bytes = data.map { [UInt8]($0) } ?? []
        bytes.withUnsafeMutableBufferPointer { buffer in
            for i in buffer.indices where buffer[i] &- 65 < 26 { buffer[i] += 32 }
        }
        self.bytes = bytes
    }

    /// Whether `text` contains `part`, comparing UTF-8 bytes (both already folded).
    static func contains(_ text: String, _ part: String) -> Bool {
        let found = text.utf8.withContiguousStorageIfAvailable { hay in
            part.utf8.withContiguousStorageIfAvailable { pin -> Bool in
                guard let pinBase = pin.baseAddress, !pin.isEmpty else { return true }
                guard let hayBase = hay.baseAddress, pin.count <= hay.count else { return false }
                return find(pinBase, pin.count, in: hayBase, hay.count)
            }
        }
        return (found ?? nil) ?? text.contains(part)
    }

    /// Non-overlapping occurrences of `needle`, at most `limit`.
    func count(_ needle: ByteText, limit: Int = 8) -> Int {
        let n = needle.bytes.count
        let h = bytes.count
        guard n > 0, n <= h else { return 0 }
        return bytes.withUnsafeBufferPointer { hay in
            needle.bytes.withUnsafeBufferPointer { pin in
                guard let hayBase = hay.baseAddress, let pinBase = pin.baseAddress else { return 0 }
                let first = Int32(pinBase[0])
                var offset = 0
                var found = 0
                while offset + n <= h, found < limit {
                    guard let hit = memchr(hayBase + offset, first, h - n - offset + 1) else { break }
                    let at = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - hayBase
                    if memcmp(hayBase + at, pinBase, n) == 0 {
                        found += 1
                        offset = at + n
                    } else {
                        offset = at + 1
                    }
                }
                return found
            }
        }
    }

    func contains(_ needle: ByteText) -> Bool {
        let n = needle.bytes.count
        let h = bytes.count
        guard n > 0, n <= h else { return n == 0 }
        return bytes.withUnsafeBufferPointer { hay in
            needle.bytes.withUnsafeBufferPointer { pin in
                guard let hayBase = hay.baseAddress, let pinBase = pin.baseAddress else { return false }
                return Self.find(pinBase, n, in: hayBase, h)
            }
        }
    }

    /// Whether the `n` bytes at `pin` occur in the `h` bytes at `hay` (n >= 1).
    static func find(_ pin: UnsafePointer<UInt8>, _ n: Int, in hay: UnsafePointer<UInt8>, _ h: Int) -> Bool {
        let first = Int32(pin[0])
        var offset = 0
        while offset + n <= h {
            guard let hit = memchr(hay + offset, first, h - n - offset + 1) else { return false }
            let at = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - hay
            if memcmp(hay + at, pin, n) == 0 { return true }
            offset = at + 1
        }
        return false
    }
}
