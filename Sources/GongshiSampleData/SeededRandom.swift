/// SplitMix64: a small, fast generator whose stream is fixed by its seed, so generated
/// corpora are reproducible byte for byte on every platform. Only integer arithmetic
/// and correctly rounded floating point are used (no `pow`, no system randomness).
struct SeededRandom: Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// A generator for one item of a stream (an organization, a batch), independent of
    /// how many values other items drew: the seed and the item number are mixed, not added,
    /// so neighbouring items do not share overlapping streams.
    init(seed: UInt64, item: UInt64, salt: UInt64 = 0) {
        state = Self.mix(seed ^ Self.mix(item &+ 0x632B_E59B_D9B4_E019 &* (salt &+ 1)))
    }

    /// The SplitMix64 finalizer: a bijective scramble of 64 bits.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in 0..<bound (bound > 0); the modulo bias is far below anything visible.
    mutating func next(below bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }

    /// A value in the closed range.
    mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + next(below: range.count) }

    /// A double in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / 9_007_199_254_740_992.0 }

    mutating func chance(_ p: Double) -> Bool { unit() < p }

    mutating func pick<T>(_ items: [T]) -> T { items[next(below: items.count)] }

    /// An index into `weights`, chosen with probability proportional to its weight.
    mutating func weighted(_ weights: [Int]) -> Int {
        var roll = next(below: weights.reduce(0, +))
        for (i, w) in weights.enumerated() {
            if roll < w { return i }
            roll -= w
        }
        return weights.count - 1
    }
}
