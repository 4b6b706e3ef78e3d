import Foundation
import GRDB
import GongshiStore

/// "Did you mean" (您是不是要找): an organization name or document title from the index
/// that holds what was typed with one or two characters wrong or missing
/// (法律服物工作者协会 → 青浦区法律服务工作者协会), or, for pinyin typed with wrong tones or
/// v for ü, the name or title it spells.
extension SearchEngine {
    static let suggestionCandidates = 40

    func didYouMean(_ analysis: QueryAnalyzer.Analysis, db: Database) throws -> String? {
        if let pinyin = QueryAnalyzer.pinyinTerms(analysis.terms) {
            // Short pinyin (falv) spells too many names to pick one.
            guard pinyin.joined().count >= 6 else { return nil }
            var e = MatchExpression()
            e.phrase(pinyin.joined(), weight: 1, prefix: true)
            let expression = e.restricted(to: ["pinyin"])
            for table in SearchTable.allCases {
                let name = table.rawValue
                if let title = try String.fetchOne(
                    db.cachedStatement(
                        sql: """
                            SELECT title FROM \(name) WHERE \(name) MATCH ? AND kind IN ('org', 'policy') ORDER BY rank LIMIT 1
                            """), arguments: [expression.text])
                {
                    return title
                }
            }
            return nil
        }
        let typed = Array(analysis.words.map { $0.text.replacingOccurrences(of: " ", with: "") }.joined().unicodeScalars)
        guard typed.count >= 3, typed.count <= 40, typed.filter({ $0.properties.isIdeographic }).count >= 3 else { return nil }
        var bigrams: [String] = []
        for i in 0..<(typed.count - 1) where typed[i].properties.isIdeographic && typed[i + 1].properties.isIdeographic {
            let pair = String(String.UnicodeScalarView([typed[i], typed[i + 1]]))
            if !bigrams.contains(pair) { bigrams.append(pair) }
        }
        guard !bigrams.isEmpty else { return nil }
        // Organization names through the index (there may be a million); document titles,
        // a few thousand at most, from memory.
        var e = MatchExpression()
        for (i, pair) in bigrams.prefix(24).enumerated() {
            if i > 0 { e.append(" OR ") }
            e.phrase(pair, weight: 1)
        }
        let names = try String.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT title FROM record_search WHERE record_search MATCH ? AND kind = 'org' ORDER BY rank LIMIT \(Self.suggestionCandidates)
                    """), arguments: [e.restricted(to: ["title"]).shortText])
        // Document titles come folded from the title index; names are folded here.
        var candidates = try tokenizers.with { tokenizer in
            Set(names).map { ($0, Array(QueryWords.fold($0, tokenizer: tokenizer).replacingOccurrences(of: " ", with: "").unicodeScalars)) }
        }
        candidates += try documentTitles(db).foldedCandidates(sharing: bigrams, limit: Self.suggestionCandidates)
        let allowed = typed.count >= 6 ? 2 : 1
        var best: (distance: Int, length: Int, title: String)?
        for (title, folded) in candidates {
            let distance = Self.infixDistance(typed, in: folded)
            guard distance >= 1, distance <= allowed else { continue }
            if best == nil || (distance, folded.count, title) < (best!.distance, best!.length, best!.title) {
                best = (distance, folded.count, title)
            }
        }
        return best?.title
    }

    /// Edits (a character replaced, missing or extra) between `typed` and the closest
    /// stretch of `text`: the name may go on before and after what was typed.
    static func infixDistance(_ typed: [Unicode.Scalar], in text: [Unicode.Scalar]) -> Int {
        guard !typed.isEmpty else { return 0 }
        var previous = [Int](repeating: 0, count: text.count + 1)  // free start anywhere
        var current = [Int](repeating: 0, count: text.count + 1)
        for i in 1...typed.count {
            current[0] = i
            for j in stride(from: 1, through: text.count, by: 1) {
                let substitution = previous[j - 1] + (typed[i - 1] == text[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
            }
            swap(&previous, &current)
        }
        return previous.min() ?? typed.count  // free end anywhere
    }
}

/// Document titles folded, with the titles each character pair occurs in: did-you-mean
/// candidates without a query over every article row (each repeats its document's title).
final class TitleIndex: Sendable {
    let titles: [String]
    /// Each title folded, without spaces, as did-you-mean compares it.
    let folded: [[Unicode.Scalar]]
    let byPair: [String: [Int]]

    convenience init(titles: [String], fold: (String) throws -> String) throws {
        self.init(titles: titles, folded: try titles.map(fold))
    }

    init(titles: [String], folded: [String]) {
        self.titles = titles
        self.folded = folded.map { Array($0.unicodeScalars) }
        var byPair: [String: [Int]] = [:]
        for (i, title) in folded.enumerated() {
            let scalars = Array(title.unicodeScalars)
            guard scalars.count >= 2 else { continue }
            var seen = Set<String>()
            for j in 0..<(scalars.count - 1) {
                let pair = String(String.UnicodeScalarView([scalars[j], scalars[j + 1]]))
                if seen.insert(pair).inserted { byPair[pair, default: []].append(i) }
            }
        }
        self.byPair = byPair
    }

    /// Titles sharing the most pairs with the query first.
    func candidates(sharing pairs: [String], limit: Int) -> [String] {
        candidateIndexes(sharing: pairs, limit: limit).map { titles[$0] }
    }

    /// The same candidates with their folded forms.
    func foldedCandidates(sharing pairs: [String], limit: Int) -> [(String, [Unicode.Scalar])] {
        candidateIndexes(sharing: pairs, limit: limit).map { (titles[$0], folded[$0]) }
    }

    private func candidateIndexes(sharing pairs: [String], limit: Int) -> [Int] {
        var shared: [Int: Int] = [:]
        for pair in pairs { for i in byPair[pair] ?? [] { shared[i, default: 0] += 1 } }
        return shared.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(limit).map(\.key)
    }
}

extension SearchEngine {
    /// The title index of the current index generation (built without keeping it for an index
    /// without generations, or while another search builds the generation's index).
    func documentTitles(_ db: Database) throws -> TitleIndex {
        if let memory = try generationIndex(db: db) { return memory.didYouMeanTitles }
        return try TitleIndex(titles: String.fetchAll(db, sql: "SELECT DISTINCT title FROM document ORDER BY title"), fold: titleFold)
    }

    /// A title folded as did-you-mean compares it: the query's folding, without spaces.
    func titleFold(_ title: String) throws -> String {
        try tokenizers.with { QueryWords.fold(title, tokenizer: $0) }.replacingOccurrences(of: " ", with: "")
    }
}
