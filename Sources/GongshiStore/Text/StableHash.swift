/// 64-bit FNV-1a: a stable content hash for change detection between index runs
/// (Swift's Hasher is seeded per process, so it cannot be stored).
public enum StableHash {
    public static func value(of bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }

    public static func hex(of bytes: [UInt8]) -> String {
        let v = value(of: bytes)
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
