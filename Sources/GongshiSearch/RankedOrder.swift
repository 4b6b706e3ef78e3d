/// Ranked rows best first, in the order of a stable sort by score (ties keep the order the
/// rows came in), taken one at a time from a heap: a search reads only the best few dozen
/// of the hundreds or thousands of rows a common word matches, so sorting them all was
/// most of the Swift work of ranking.
struct RankedOrder {
    private var heap: [(row: SearchEngine.RankedRow, index: Int)]

    init(_ rows: [SearchEngine.RankedRow]) {
        heap = rows.enumerated().map { ($0.element, $0.offset) }
        var i = heap.count / 2
        while i > 0 {
            i -= 1
            siftDown(i)
        }
    }

    var isEmpty: Bool { heap.isEmpty }

    /// Whether `a` comes before `b`: the higher score, or the same score and earlier.
    private static func before(_ a: (row: SearchEngine.RankedRow, index: Int), _ b: (row: SearchEngine.RankedRow, index: Int)) -> Bool {
        a.row.score > b.row.score || (a.row.score == b.row.score && a.index < b.index)
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        let count = heap.count
        while true {
            let left = 2 * parent + 1
            guard left < count else { return }
            var best = left
            if left + 1 < count && Self.before(heap[left + 1], heap[left]) { best = left + 1 }
            guard Self.before(heap[best], heap[parent]) else { return }
            heap.swapAt(parent, best)
            parent = best
        }
    }

    /// The next best row; nil when none is left.
    mutating func next() -> SearchEngine.RankedRow? {
        guard let first = heap.first else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            siftDown(0)
        }
        return first.row
    }

    /// The next `count` best rows (fewer when fewer are left).
    mutating func next(_ count: Int) -> [SearchEngine.RankedRow] {
        var rows: [SearchEngine.RankedRow] = []
        rows.reserveCapacity(min(count, heap.count))
        while rows.count < count, let row = next() { rows.append(row) }
        return rows
    }
}
