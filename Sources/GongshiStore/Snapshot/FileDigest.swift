import Crypto
import Foundation

/// SHA-256 of a file, read in 1 MB blocks so a 10 GB index never sits in memory
/// (swift-crypto's incremental hasher: BoringSSL's SHA-256 on Linux).
public enum FileDigest {
    static let blockBytes = 1 << 20

    /// The lower-case hex SHA-256 and the byte count of the file at `path`.
    public static func sha256(path: String) throws(StoreError) -> (hex: String, bytes: Int64) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw StoreError(kind: .snapshot, message: "无法读取文件", path: path)
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        var total: Int64 = 0
        do {
            while let block = try handle.read(upToCount: blockBytes), !block.isEmpty {
                hasher.update(data: block)
                total += Int64(block.count)
            }
        } catch {
            throw StoreError(kind: .snapshot, message: "读取文件出错：\(error.localizedDescription)", path: path)
        }
        return (hex(hasher.finalize()), total)
    }

    /// SHA-256 of bytes in memory (the manifest's own checksum line, tests).
    public static func sha256(_ bytes: some DataProtocol) -> String {
        hex(SHA256.hash(data: bytes))
    }

    static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}
