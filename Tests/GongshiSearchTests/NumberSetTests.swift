import Testing

@testable import GongshiSearch

/// The bit set that dedupes a search's passages and counts its documents.
@Suite struct NumberSetTests {
    @Test func insertsRemovesAndKeepsOutOfRangeNumbersOut() {
        var set = NumberSet(below: 130)
        // (number, inserted) in order: repeats and numbers out of range are not inserted.
        let cases = [(0, true), (63, true), (64, true), (129, true), (64, false), (130, false), (-1, false)]
        for (n, inserted) in cases {
            let answer = set.insert(n)
            #expect(answer == inserted, "insert(\(n))")
        }
        #expect(set.contains(63) && set.contains(129) && !set.contains(1) && !set.contains(130))
        let removed = set.remove(64)
        let removedAgain = set.remove(64)
        #expect(removed && !removedAgain)
        #expect(!set.contains(64) && set.contains(63))
        var empty = NumberSet(below: 0)
        let insertedIntoEmpty = empty.insert(0)
        #expect(!insertedIntoEmpty && !empty.contains(0))
    }
}
