import CPasswordHash

/// yescrypt hashes (`$y$…`) through libxcrypt: memory-hard, salted by the library from
/// the kernel's random source. Nothing here hashes by itself.
public enum PasswordHasher {
    public static let minimumLength = 8
    public static let maximumLength = 256

    public static func hash(_ password: String) throws(DeskError) -> String {
        guard !password.utf8.contains(0) else { throw DeskError(.invalid, "密码不能包含空字符") }
        var out = [CChar](repeating: 0, count: 256)
        let rc = password.withCString { gongshi_password_hash($0, &out, out.count) }
        guard rc == 0 else { throw DeskError(.store, "无法计算密码散列（libxcrypt）") }
        return String(decoding: out.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    public static func verify(_ password: String, hash: String) -> Bool {
        guard !password.utf8.contains(0), password.utf8.count <= maximumLength else { return false }
        return password.withCString { p in hash.withCString { h in gongshi_password_verify(p, h) } } == 1
    }

    /// Why `password` cannot be used, or nil.
    public static func problem(_ password: String) -> String? {
        if password.count < minimumLength { return "密码至少 \(minimumLength) 个字符" }
        if password.utf8.count > maximumLength { return "密码过长（最多 \(maximumLength) 字节）" }
        if password.utf8.contains(0) { return "密码不能包含空字符" }
        return nil
    }
}
