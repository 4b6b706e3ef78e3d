import Foundation
import GongshiStore

/// Turns a question in plain Chinese into concepts for retrieval: question words and
/// particles dropped, Traditional folded, numbers in both notations, colloquial words
/// mapped to the terms regulations use, abbreviations expanded, named documents noted.
///
/// Phrases of the lexicon (vocabulary, synonyms, short titles) are matched longest
/// first in the folded question; what is left is split into dictionary words. A word
/// of one character only counts when the lexicon knows it (钱, 罚) or it is not Han.
struct QuestionAnalyzer {
    let tokenizer: ChineseTokenizer
    let lexicon: AnswerLexicon

    static let maxQuestionCharacters = 500
    static let maxConcepts = 16
    /// Counters and units that make a numeral a quantity (五十个, 20日, 10万元).
    static let counters: Set<Character> = ["个", "名", "人", "天", "日", "年", "月", "岁", "元", "万", "倍", "家", "项", "次", "级", "届", "位", "%", "％"]

    /// Ways of asking what a term means: the answer is the article that defines it (本法所称…是指).
    static let definitionForms = ["什么是", "是什么", "是指", "指什么", "指的是", "什么叫", "叫做什么", "含义", "定义", "概念"]

    func fold(_ text: String) -> String { tokenizer.tokens(text, mode: .query).map(\.text).joined() }

    func analyze(_ question: String) -> QuestionAnalysis {
        let cleaned = String(
            String.UnicodeScalarView(
                question.unicodeScalars.prefix(Self.maxQuestionCharacters).map {
                    $0.properties.generalCategory == .control || $0.value == 0xE000 ? " " : $0
                }))
        var analysis = QuestionAnalysis(question: cleaned, folded: "", concepts: [], pairs: [], namedTitles: [], articleNumber: nil)
        // Runs of letters and digits; punctuation and spaces separate them.
        let runs = cleaned.split(whereSeparator: { !($0.isLetter || $0.isNumber) })
        var offset = 0
        for run in runs {
            let folded = fold(String(run))
            guard !folded.isEmpty else { continue }
            scan(Array(folded), base: offset, into: &analysis)
            analysis.folded += folded + " "
            offset += folded.count + 1
        }
        // One concept per text, the first occurrence.
        var seen: Set<String> = []
        analysis.concepts = analysis.concepts.filter { seen.insert($0.text).inserted }.prefix(Self.maxConcepts).map { $0 }
        for (a, b) in zip(analysis.concepts, analysis.concepts.dropFirst()) where a.end == b.start && a.source != .number && b.source != .number {
            let pair = a.text + b.text
            if !seen.contains(pair) { analysis.pairs.append(pair) }
        }
        analysis.asksDefinition = Self.definitionForms.contains { analysis.folded.contains($0) }
        for i in analysis.concepts.indices where analysis.concepts[i].source == .word && analysis.concepts[i].text.count >= 3 {
            let text = analysis.concepts[i].text
            if text.unicodeScalars.allSatisfy({ $0.properties.isIdeographic }) {
                analysis.concepts[i].partial = [String(text.dropLast()), String(text.dropFirst())]
            }
        }
        var titles: Set<String> = []
        analysis.namedTitles = analysis.namedTitles.filter { titles.insert($0).inserted }
        return analysis
    }

    private func scan(_ chars: [Character], base: Int, into analysis: inout QuestionAnalysis) {
        var rest: [Character] = []
        var restStart = 0
        var i = 0
        func flush() {
            if !rest.isEmpty { words(rest, base: base + restStart, into: &analysis) }
            rest = []
        }
        outer: while i < chars.count {
            // 第十条 / 第10条: the article asked about.
            if chars[i] == "第" {
                var j = i + 1
                while j < chars.count, NumberForms.isChineseNumeral(chars[j]) || chars[j].isASCII && chars[j].isNumber { j += 1 }
                if j > i + 1, j < chars.count, chars[j] == "条", let n = NumberForms.value(String(chars[(i + 1)..<j])) {
                    flush()
                    analysis.articleNumber = n
                    i = j + 1
                    restStart = i
                    continue
                }
            }
            var length = min(lexicon.maxPhraseLength, chars.count - i)
            while length >= 2 {
                let key = String(chars[i..<(i + length)])
                if let phrase = lexicon.phrases[key] {
                    flush()
                    add(phrase, key: key, start: base + i, end: base + i + length, into: &analysis)
                    i += length
                    restStart = i
                    continue outer
                }
                length -= 1
            }
            if let (concept, next) = number(chars, at: i, base: base) {
                flush()
                analysis.concepts.append(concept)
                i = next
                restStart = i
                continue
            }
            if rest.isEmpty { restStart = i }
            rest.append(chars[i])
            i += 1
        }
        flush()
    }

    /// A quantity at `i`: digits or a Chinese numeral followed by a counter (五十个 -> 50个).
    private func number(_ chars: [Character], at i: Int, base: Int) -> (QuestionAnalysis.Concept, Int)? {
        var j = i
        while j < chars.count, chars[j].isASCII && chars[j].isNumber || NumberForms.isChineseNumeral(chars[j]) { j += 1 }
        guard j > i, j < chars.count, Self.counters.contains(chars[j]), let value = NumberForms.value(String(chars[i..<j])) else { return nil }
        var counter = String(chars[j])
        if chars[j] == "万", j + 1 < chars.count, chars[j + 1] == "元" { counter = "万元" }
        let text = String(chars[i..<j]) + counter
        var alternatives = [text]
        for form in [String(value), NumberForms.chinese(value)].compactMap({ $0 }) where !alternatives.contains(form + counter) {
            alternatives.append(form + counter)
        }
        let concept = QuestionAnalysis.Concept(
            text: text, alternatives: alternatives, weight: value < 2 ? 0.3 : 0.8, source: .number,
            start: base + i, end: base + j + counter.count)
        return (concept, j + counter.count)
    }

    /// Dictionary words of a stretch no phrase matched.
    private func words(_ chars: [Character], base: Int, into analysis: inout QuestionAnalysis) {
        let text = String(chars)
        var cursor = text.startIndex
        // Lone characters the dictionary split off: runs of them form a word (写+明), a single
        // one makes the word before (or after) it more specific (志愿+者).
        var lone: [(String, Int)] = []
        func flushLone(next: Int?) {
            defer { lone = [] }
            guard let first = lone.first, let last = lone.last else { return }
            let joined = lone.map(\.0).joined()
            let start = first.1
            let end = last.1 + 1
            if lone.count >= 2 {
                analysis.concepts.append(.init(text: joined, alternatives: [joined], weight: 1.0, source: .word, start: start, end: end))
            } else if let previous = analysis.concepts.last, previous.end == start, previous.source == .word {
                let merged = previous.text + joined
                analysis.concepts[analysis.concepts.count - 1] = .init(
                    text: merged, alternatives: [merged], weight: 1.2, source: .word, start: previous.start, end: end)
            } else if next == end {
                pendingPrefix = (joined, start)
            }
        }
        var pendingPrefix: (String, Int)?
        for word in tokenizer.words(text) {
            guard let range = text.range(of: word, range: cursor..<text.endIndex) else { continue }
            cursor = range.upperBound
            let start = base + text.distance(from: text.startIndex, to: range.lowerBound)
            let end = start + word.count
            if let phrase = lexicon.phrases[word] {
                flushLone(next: nil)
                add(phrase, key: word, start: start, end: end, into: &analysis)
                continue
            }
            let isHan = word.unicodeScalars.first?.properties.isIdeographic ?? false
            if lexicon.questionWords.contains(word) {
                flushLone(next: nil)
                continue
            }
            if word.count == 1 && isHan {
                if let last = lone.last, last.1 + 1 != start { flushLone(next: nil) }
                lone.append((word, start))
                continue
            }
            flushLone(next: start)
            var concept = QuestionAnalysis.Concept(text: word, alternatives: [word], weight: word.count >= 3 ? 1.2 : 1.0, source: .word, start: start, end: end)
            if let prefix = pendingPrefix, prefix.1 + prefix.0.count == start, isHan {
                concept = .init(text: prefix.0 + word, alternatives: [prefix.0 + word, word], weight: 1.2, source: .word, start: prefix.1, end: end)
            }
            pendingPrefix = nil
            analysis.concepts.append(concept)
        }
        flushLone(next: nil)
    }

    private func add(_ phrase: AnswerLexicon.Phrase, key: String, start: Int, end: Int, into analysis: inout QuestionAnalysis) {
        switch phrase.kind {
        case .question:
            return
        case .document:
            analysis.namedTitles += phrase.titles
        case .synonym, .term:
            var alternatives: [String] = []
            // A colloquial word goes after the terms it maps to: it rarely appears in law.
            for term in (phrase.kind == .synonym ? [key] : []) + phrase.expansions + [key] where !alternatives.contains(term) {
                alternatives.append(term)
            }
            let weight = key.count == 1 ? 0.7 : key.count >= 3 ? 1.2 : 1.0
            analysis.concepts.append(
                .init(
                    text: key, alternatives: alternatives, weight: weight,
                    source: phrase.kind == .synonym ? .synonym : .vocabulary, start: start, end: end))
        }
    }
}
