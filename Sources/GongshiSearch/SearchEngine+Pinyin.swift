import Foundation
import GRDB
import GongshiStore

extension SearchEngine {
    /// Pinyin terms read as the Han words of the index (`pinyin_word`): falv fuwu → 法律服务. Each
    /// term, or a run of syllables typed apart, must be a whole word's pinyin; of homophones
    /// (fenli: 分离, 分立) the one more records contain is read. Nil when a term reads as no word.
    func hanReading(_ terms: [String], db: Database) throws -> String? {
        guard (1...8).contains(terms.count) else { return nil }
        var reading = ""
        var i = 0
        // Syllables typed apart (fa lv fu wu) join into the longest word they spell.
        terms: while i < terms.count {
            for n in stride(from: min(4, terms.count - i), through: 1, by: -1) {
                guard let word = try word(spelled: terms[i..<i + n].joined(), db: db) else { continue }
                reading += word
                i += n
                continue terms
            }
            // One term typed without spaces (shetuandengji): the words it spells, longest first.
            guard let words = try segmented(terms[i], db: db) else { return nil }
            reading += words
            i += 1
        }
        return reading
    }

    /// A pinyin string as the words it spells from its start, each the longest word whose pinyin
    /// begins the rest (shetuandengji → 社团登记); nil unless every letter is used.
    private func segmented(_ term: String, db: Database) throws -> String? {
        let scalars = Array(term.unicodeScalars)
        guard (4...40).contains(scalars.count) else { return nil }
        var reading = ""
        var start = 0
        while start < scalars.count {
            let prefixes = (2...min(16, scalars.count - start)).map { String(String.UnicodeScalarView(scalars[start..<start + $0])) }
            let marks = prefixes.map { _ in "?" }.joined(separator: ",")
            guard
                let pinyin = try String.fetchOne(
                    db.cachedStatement(sql: "SELECT pinyin FROM pinyin_word WHERE pinyin IN (\(marks)) ORDER BY length(pinyin) DESC LIMIT 1"),
                    arguments: StatementArguments(prefixes)),
                let word = try word(spelled: pinyin, db: db)
            else { return nil }
            reading += word
            start += pinyin.unicodeScalars.count
        }
        return reading
    }

    /// The word more rows contain (counted up to the ranking window per table).
    private func mostFrequent(_ words: [String], db: Database) throws -> String? {
        var best: (count: Int, word: String)?
        for word in words {
            var e = MatchExpression()
            e.phrase(word, weight: 1)
            let n = try matchingRows(e.restricted(to: SearchEngine.textColumns), kind: nil, db: db)
            if best == nil || n > best!.count { best = (n, word) }
        }
        return best?.word
    }

    /// The words whose pinyin is `pinyin` (homophones), at most five.
    private func words(spelled pinyin: String, db: Database) throws -> [String] {
        try String.fetchAll(db.cachedStatement(sql: "SELECT word FROM pinyin_word WHERE pinyin = ? ORDER BY word LIMIT 5"), arguments: [pinyin])
    }

    /// One word for `pinyin`: the only one, or of homophones the one more rows contain.
    private func word(spelled pinyin: String, db: Database) throws -> String? {
        let words = try words(spelled: pinyin, db: db)
        return words.count > 1 ? try mostFrequent(words, db: db) ?? words.first : words.first
    }
}
