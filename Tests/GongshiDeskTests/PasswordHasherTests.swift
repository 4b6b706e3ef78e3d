import GongshiDesk
import Testing

@Suite struct PasswordHasherTests {
    @Test func hashesAreYescryptAndVerify() throws {
        let hash = try PasswordHasher.hash("正确的密码 horse")
        #expect(hash.hasPrefix("$y$"))
        #expect(PasswordHasher.verify("正确的密码 horse", hash: hash))
        #expect(!PasswordHasher.verify("正确的密码 horsE", hash: hash))
        // Salted: the same password hashes differently each time.
        #expect(try PasswordHasher.hash("正确的密码 horse") != hash)
        #expect(!PasswordHasher.verify("x", hash: "not a hash"))
    }
}
