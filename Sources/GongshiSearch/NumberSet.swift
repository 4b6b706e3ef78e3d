/// A set of the integers below a bound, as bits: passages and documents of one search are
/// numbered densely, and a search inserts one per ranked row, where hashing into a `Set`
/// cost more than the rest of the row's bookkeeping.
struct NumberSet {
    private var words: [UInt64]
    let bound: Int

    /// Numbers in `0..<bound` can be held; others are never members.
    init(below bound: Int) {
        self.bound = max(bound, 0)
        words = [UInt64](repeating: 0, count: (self.bound + 63) / 64)
    }

    /// Inserts `n`; true when it was not there (false too for a number out of range).
    mutating func insert(_ n: Int) -> Bool {
        guard n >= 0, n < bound else { return false }
        let bit: UInt64 = 1 << UInt64(n & 63)
        let old = words[n >> 6]
        words[n >> 6] = old | bit
        return old & bit == 0
    }

    /// Removes `n`; true when it was there.
    mutating func remove(_ n: Int) -> Bool {
        guard n >= 0, n < bound else { return false }
        let bit: UInt64 = 1 << UInt64(n & 63)
        let old = words[n >> 6]
        words[n >> 6] = old & ~bit
        return old & bit != 0
    }

    func contains(_ n: Int) -> Bool {
        guard n >= 0, n < bound else { return false }
        return words[n >> 6] & (1 << UInt64(n & 63)) != 0
    }
}
