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

    func contains(_ needle: ByteText) -> Bool {
        let n = needle.bytes.count, h = bytes.count
        guard n > 0, n <= h else { return n == 0 }
        return bytes.withUnsafeBufferPointer { hay in
            needle.bytes.withUnsafeBufferPointer { pin in
                guard let hayBase = hay.baseAddress, let pinBase = pin.baseAddress else { return false }
                let first = Int32(pinBase[0])
                var offset = 0
                while offset + n <= h {
                    guard let hit = memchr(hayBase + offset, first, h - n - offset + 1) else { return false }
                    let at = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - hayBase
                    if memcmp(hayBase + at, pinBase, n) == 0 { return true }
                    offset = at + 1
                }
                return false
            }
        }
    }
}
