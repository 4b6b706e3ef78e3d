import Testing

@testable import GongshiSearch

/// The bit set that dedupes a search's passages and counts its documents.
@Suite struct NumberSetTests {
    @Test func insertsRemovesAndKeepsOutOfRangeNumbersOut() {
        var set = NumberSet(below: 130)
        #expect(set.insert(0))
        #expect(set.insert(63))
        #expect(set.insert(64))
        #expect(set.insert(129))
        #expect(!set.insert(64))  // already there
        #expect(set.contains(63) && set.contains(129) && !set.contains(1))
        #expect(!set.insert(130) && !set.insert(-1))  // out of range: never a member
        #expect(!set.contains(130))
        #expect(set.remove(64))
        #expect(!set.remove(64))
        #expect(!set.contains(64) && set.contains(63))
        var empty = NumberSet(below: 0)
        #expect(!empty.insert(0) && !empty.contains(0))
    }
}
