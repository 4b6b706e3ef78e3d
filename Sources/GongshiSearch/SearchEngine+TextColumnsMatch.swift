import GRDB
import GongshiStore

extension SearchEngine {
    /// The MATCH text that ranks `expression` (`restricted(to: textColumns)`) over the
    /// documents index: its `shortText`, without the column filter when no phrase of it
    /// occurs in the pinyin column of any row of this generation. The pinyin column is the
    /// only other indexed one, so the same rows match with the same instances and scores;
    /// but FTS5 copies every row's positions of a filtered phrase through the filter, for
    /// every row of the phrase's doclist, and skips that without one (~6 % of a one-word
    /// search). Records are left filtered: checking a phrase there means reading its whole
    /// doclist over up to millions of rows.
    func rankingMatchText(_ expression: MatchExpression, in table: SearchTable, generation: Int64, db: Database) throws -> String {
        let text = expression.shortText
        guard table == .documents, generation > 0, Self.isRestrictedToTextColumns(expression),
            let rest = Self.unfilteredRest(of: text)
        else { return text }
        for phrase in expression.phraseTexts {
            guard try isAbsentFromPinyin(phrase, in: table, generation: generation, db: db) else { return text }
        }
        return rest
    }

    /// What follows the text-columns filter of `text`, when the rest holds nothing but
    /// quoted phrases, parentheses, AND and OR: no other column filter (nested ones would
    /// meet the outer one), NEAR, NOT or prefix query, whose meaning this rewrite is not
    /// checked for. Nil otherwise.
    static func unfilteredRest(of text: String) -> String? {
        let utf8 = text.utf8
        guard utf8.starts(with: textColumnsFilter.utf8) else { return nil }
        let rest = utf8.dropFirst(textColumnsFilter.utf8.count)
        var quoted = false
        var word: [UInt8] = []
        func wordIsAllowed() -> Bool { word.isEmpty || word == Array("AND".utf8) || word == Array("OR".utf8) }
        for byte in rest {
            if quoted {
                // A doubled quote inside a phrase closes and reopens it: the same state.
                if byte == UInt8(ascii: "\"") { quoted = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                guard wordIsAllowed() else { return nil }
                word = []
                quoted = true
            case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: " "):
                guard wordIsAllowed() else { return nil }
                word = []
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                word.append(byte)
            default:
                return nil
            }
        }
        guard !quoted, wordIsAllowed() else { return nil }
        return String(rest)
    }

    /// Whether no row of `table` holds `phrase` (as `MatchExpression.phrase` writes it) in
    /// the pinyin column; kept per index generation, as the phrase row counts are.
    func isAbsentFromPinyin(_ phrase: String, in table: SearchTable, generation: Int64, db: Database) throws -> Bool {
        let known = pinyinAbsence.value
        if known.generation == generation, let absent = known.absent[phrase] { return absent }
        // A prefix phrase ("x *") could match pinyin tokens: not rewritten.
        guard !(phrase.utf8.last == UInt8(ascii: "*") && phrase.utf8.dropLast().last == UInt8(ascii: " ")) else { return false }
        var single = MatchExpression()
        single.phrase(phrase, weight: 1)
        let name = table.rawValue
        let found = try Int.fetchOne(
            db.cachedStatement(sql: "SELECT 1 FROM \(name) WHERE \(name) MATCH ? LIMIT 1"), arguments: [single.restricted(to: ["pinyin"]).shortText])
        let absent = found == nil
        pinyinAbsence.withLock { current in
            if current.generation != generation || current.absent.count > Self.maxCachedPhraseCounts { current = (generation, [:]) }
            current.absent[phrase] = absent
        }
        return absent
    }
}
