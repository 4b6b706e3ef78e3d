import GRDB

/// Every document title, ASCII letters in lower case, sorted by bytes, per index
/// generation: a query shaped like a title (ending in 办法, 标准, 法 …) is looked up with
/// LIKE over every title (`ResultResolver.documents(titled:)`), which no index serves;
/// this says at once when no title can match, which is most of the time.
struct DocumentTitles: Sendable {
    private let sorted: [[UInt8]]

    init(titles: [String]) {
        sorted = titles.map(DocumentTitles.folded).sorted { $0.lexicographicallyPrecedes($1) }
    }

    init(db: Database) throws {
        self.init(titles: try String.fetchAll(db, sql: "SELECT title FROM document"))
    }

    /// SQLite's LIKE (without ICU) ignores the case of ASCII letters only.
    static func folded(_ text: String) -> [UInt8] {
        text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
    }

    /// False only when no title equals `name` or 中华人民共和国 + `name`, or starts with either
    /// (what `documents(titled:)` asks with = and LIKE); true when `name` holds a LIKE wildcard.
    func mayHold(_ name: String) -> Bool {
        if name.contains("%") || name.contains("_") { return true }
        return startsAny(DocumentTitles.folded(name)) || startsAny(DocumentTitles.folded("中华人民共和国" + name))
    }

    private func startsAny(_ prefix: [UInt8]) -> Bool {
        // The first title not below the prefix is the only one that can start with it.
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle].lexicographicallyPrecedes(prefix) { low = middle + 1 } else { high = middle }
        }
        return low < sorted.count && sorted[low].starts(with: prefix)
    }
}
