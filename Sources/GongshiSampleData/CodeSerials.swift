/// Positions 9–17 of generated credit codes: nine characters that are unique per
/// organization index at any scale.
///
/// The index goes through a keyed permutation of `0..<M`: a four-round Feistel network
/// on the smallest even number of bits that covers M, with cycle walking (a value
/// outside `0..<M` is permuted again until it falls inside), which is a bijection on
/// `0..<M`. Distinct indexes therefore give distinct serials; the keys come from the
/// seed, so codes look scattered and differ between seeds. Up to ten million
/// organizations the serial is two letters and seven digits, as real 民政 codes are
/// (`MJ4891327`, or `50` and seven digits for older registrations); beyond that, seven
/// characters of the code alphabet.
struct CodeSerials: Sendable {
    private let modulus: UInt64
    private let halfBits: UInt64
    private let keys: [UInt64]
    private let decimal: Bool

    static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY".utf8)

    init(seed: UInt64, organizations: Int) {
        decimal = organizations <= 10_000_000
        modulus = decimal ? 10_000_000 : 27_512_614_111  // 10^7 or 31^7
        var bits: UInt64 = 2
        while (UInt64(1) << bits) < modulus { bits += 2 }
        halfBits = bits / 2
        keys = (0..<4).map { SeededRandom.mix(seed ^ (0xC0DE_0000 + UInt64($0))) }
    }

    /// The nine characters for organization `index` (`index` < 10^7, or < 31^7 for
    /// larger runs); `older` gives the pre-2015 style.
    func serial(index: Int, older: Bool) -> String {
        var value = UInt64(index) % modulus
        repeat { value = permute(value) } while value >= modulus
        var bytes = [UInt8](repeating: 0, count: 9)
        bytes[0] = older ? 53 : 77  // "5" or "M"
        bytes[1] = older ? 48 : 74  // "0" or "J"
        let base: UInt64 = decimal ? 10 : 31
        for position in stride(from: 8, through: 2, by: -1) {
            bytes[position] = Self.alphabet[Int(value % base)]
            value /= base
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// One pass of the Feistel network: a bijection on `0..<2^(2·halfBits)`.
    private func permute(_ value: UInt64) -> UInt64 {
        let mask = (UInt64(1) << halfBits) - 1
        var left = value >> halfBits
        var right = value & mask
        for key in keys {
            (left, right) = (right, left ^ (SeededRandom.mix(right ^ key) & mask))
        }
        return (left << halfBits) | right
    }
}
