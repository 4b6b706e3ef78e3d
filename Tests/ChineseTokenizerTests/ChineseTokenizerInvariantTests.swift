import Foundation
import GongshiStore
import Testing

/// A 64-bit linear congruential generator (Knuth's MMIX constants): deterministic, so a
/// failure always reproduces with the same seed.
struct LCG {
    var state: UInt64
    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state >> 33
    }
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}

/// Invariants over pseudo-random input mixing scripts and forms, and no crash on bytes.
@Suite struct ChineseTokenizerInvariantTests {
    /// Scalars to draw from: Simplified and Traditional Han (BMP and beyond), Latin, digits,
    /// ASCII and CJK punctuation, full-width forms, spaces, emoji (with modifier and ZWJ),
    /// combining marks, ligatures and other multi-unit folds, default-ignorables, kana,
    /// hangul and the word marker.
    static let alphabet: [Unicode.Scalar] = [
        "社会团体登记管理条例民政局进一步中华人民共和国境外非政府组织评估号年平方米信息公开",
        "會團體記條與門開發頭髮乾後臺灣",
        "\u{20000}\u{2A6A5}",
        "aZqX09 .,-'",
        "，。、“”《》【】〔〕（）()[]！？；：",
        "ＡＢＣａｂｃ０１２\u{3000}\t\n",
        "😀👍\u{1F3FD}\u{200D}",
        "\u{0301}éﬁ㈱㍻\u{FDFA}ß¼Ⅻ",
        "\u{00AD}\u{200B}\u{FEFF}",
        "カﾀ한\u{E000}",
    ].flatMap { (part: String) in Array(part.unicodeScalars) }

    static func randomText(_ random: inout LCG) -> String {
        var scalars = String.UnicodeScalarView()
        if random.below(8) == 0 { scalars.append("\u{E000}") }  // sometimes a marker query
        let length = random.below(48)
        for _ in 0..<length {
            // Runs of one class make dictionary words and long Latin tokens likely.
            let scalar = alphabet[random.below(alphabet.count)]
            let run = scalar.value >= 0x4E00 && scalar.value <= 0x9FFF ? 1 + random.below(4) : 1
            for _ in 0..<run { scalars.append(run > 1 ? alphabet[random.below(40)] : scalar) }
        }
        return String(scalars)
    }

    @Test func everyTokenHasValidOffsetsOnCodePointBoundaries() throws {
        let tokenizer = try ChineseTokenizer()
        var random = LCG(state: 20_240_601)
        var checked = 0
        for _ in 0..<400 {
            let text = Self.randomText(&random)
            let bytes = Array(text.utf8)
            func isBoundary(_ offset: Int) -> Bool { offset == bytes.count || bytes[offset] & 0xC0 != 0x80 }
            var byMode: [ChineseTokenizer.Mode: [Token]] = [:]
            for mode in [ChineseTokenizer.Mode.document, .query, .words, .index, .phrase] {
                let tokens = tokenizer.tokens(text, mode: mode)
                byMode[mode] = tokens
                var lastStart = 0
                for (index, token) in tokens.enumerated() {
                    checked += 1
                    let where_ = "\(token) in \(text.debugDescription) (\(mode))"
                    #expect(0 <= token.start && token.start < token.end && token.end <= bytes.count, "\(where_)")
                    guard 0 <= token.start && token.start < token.end && token.end <= bytes.count else { continue }
                    #expect(isBoundary(token.start) && isBoundary(token.end), "offset inside a code point: \(where_)")
                    #expect(!bytes[token.start..<token.end].isEmpty)
                    #expect(!token.text.isEmpty && token.text.utf8.count <= 128, "\(where_)")
                    #expect(!token.text.unicodeScalars.contains("\u{FFFD}"), "\(where_)")
                    if token.colocated {
                        // Only whole words and bigrams beside their first character, only in
                        // what documents store.
                        #expect((mode == .document || mode == .index) && index > 0, "\(where_)")
                        let owner = tokens[..<index].last { !$0.colocated }
                        #expect(owner?.start == token.start, "\(where_)")
                        #expect(mode == .index || !token.text.hasPrefix(ChineseTokenizer.bigramPrefix), "\(where_)")
                    } else {
                        #expect(token.start >= lastStart, "start went backwards: \(where_)")
                        lastStart = token.start
                    }
                }
            }
            // Query mode is document mode without the colocated words (unless it is a
            // marker query, which yields at most one token).
            if text.unicodeScalars.first == "\u{E000}" {
                #expect((byMode[.query]?.count ?? 0) <= 1, "\(text.debugDescription)")
            } else {
                #expect(byMode[.query] == byMode[.document]?.filter { !$0.colocated }, "\(text.debugDescription)")
                // The index is the document tokens plus colocated bigrams; a query phrase has
                // a token at each position of the query, starting where it starts, so phrase
                // positions line up with the index's characters.
                #expect(byMode[.index]?.filter { !$0.text.hasPrefix(ChineseTokenizer.bigramPrefix) } == byMode[.document], "\(text.debugDescription)")
                #expect(byMode[.phrase]?.map(\.start) == byMode[.query]?.map(\.start), "\(text.debugDescription)")
                #expect(byMode[.index]?.filter { !$0.colocated } == byMode[.query], "\(text.debugDescription)")
            }
        }
        #expect(checked > 1_000)
    }

    @Test func randomBytesNeverCrash() throws {
        let tokenizer = try ChineseTokenizer()
        var random = LCG(state: 7)
        let valid = Array("民政局社會團體ＡＢ１a😀，".utf8)
        for round in 0..<600 {
            let length = random.below(round < 500 ? 64 : 4_096)
            // Half the arrays are pure noise, half are valid UTF-8 with bytes knocked out.
            let bytes: [UInt8] =
                round % 2 == 0
                ? (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
                : (0..<length).map { _ in random.below(10) == 0 ? UInt8(truncatingIfNeeded: random.next()) : valid[random.below(valid.count)] }
            for mode in [ChineseTokenizer.Mode.document, .query, .words, .index, .phrase] {
                var lastStart = 0
                for token in tokenizer.tokens(utf8: bytes, mode: mode) {
                    #expect(0 <= token.start && token.start < token.end && token.end <= bytes.count, "\(token) (\(mode)) round \(round)")
                    #expect(!token.text.isEmpty && token.text.utf8.count <= 128)
                    if !token.colocated {
                        #expect(token.start >= lastStart, "\(token) (\(mode)) round \(round)")
                        lastStart = token.start
                    }
                }
            }
        }
    }
}

/// The cache of segmented Han runs must never change a token: it is compared with ICU
/// segmenting each text whole, on random mixed-script text (kana, combining marks and
/// supplementary Han next to Han runs force the whole-text path) and on the corpus.
@Suite struct SegmentCacheTests {
    static func compare(_ texts: [String], cached: ChineseTokenizer, whole: ChineseTokenizer) -> Int {
        var compared = 0
        for text in texts {
            for mode in [ChineseTokenizer.Mode.document, .query, .words, .index, .phrase] {
                let a = cached.tokens(text, mode: mode)
                let b = whole.tokens(text, mode: mode)
                #expect(a == b, "\(mode) \(text.prefix(200).debugDescription)")
                compared += a.count
            }
        }
        return compared
    }

    @Test func randomTextTokenizesAsWithoutTheCache() throws {
        let cached = try ChineseTokenizer()
        let whole = try ChineseTokenizer(segmentCache: false)
        var random = LCG(state: 99)
        // Twice over: the second round is served from the cache.
        let texts = (0..<1_500).map { _ in ChineseTokenizerInvariantTests.randomText(&random) }
        #expect(Self.compare(texts + texts, cached: cached, whole: whole) > 10_000)
    }

    @Test func corpusTokenizesAsWithoutTheCache() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Corpus")
        var texts: [String] = []
        if let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) {
            for case let file as URL in files where ["md", "csv", "jsonl", "txt"].contains(file.pathExtension) {
                guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
                // Lines and whole files: short fields as the index sees them, and long texts.
                texts.append(text)
                texts += text.split(separator: "\n").prefix(400).map(String.init)
            }
        }
        #expect(texts.count > 100)
        let cached = try ChineseTokenizer()
        let whole = try ChineseTokenizer(segmentCache: false)
        #expect(Self.compare(texts, cached: cached, whole: whole) > 100_000)
    }

    /// snippet() and highlight() read `characters` (FTS5_TOKENIZE_AUX) and skip colocated
    /// tokens: the tokens they see must be those of `index` without the colocated ones.
    @Test func charactersAreTheIndexWithoutColocatedTokens() throws {
        let tokenizer = try ChineseTokenizer()
        var random = LCG(state: 7)
        var texts = (0..<1_500).map { _ in ChineseTokenizerInvariantTests.randomText(&random) }
        texts += ["第三十六条 用人单位与劳动者协商一致，可以解除劳动合同。", "社會團體登記管理條例 ＡＡＡ评估 1+11+X 境外ngo"]
        var compared = 0
        for text in texts {
            let index = tokenizer.tokens(text, mode: .index).filter { !$0.colocated }
            #expect(tokenizer.tokens(text, mode: .characters) == index, "\(text)")
            compared += index.count
        }
        #expect(compared > 10_000)
    }

    /// Snippets made without FTS5 (snippet.c) match phrases against `marking`: it must be the
    /// index without its colocated whole words (characters and bigrams where they stand).
    @Test func markingIsTheIndexWithoutWholeWords() throws {
        let tokenizer = try ChineseTokenizer()
        var random = LCG(state: 11)
        var texts = (0..<1_500).map { _ in ChineseTokenizerInvariantTests.randomText(&random) }
        texts += ["第三十六条 用人单位与劳动者协商一致，可以解除劳动合同。", "社會團體登記管理條例 ＡＡＡ评估 1+11+X 境外ngo"]
        var compared = 0
        for text in texts {
            let index = tokenizer.tokens(text, mode: .index).filter { !$0.colocated || $0.text.hasPrefix(ChineseTokenizer.bigramPrefix) }
            #expect(tokenizer.tokens(text, mode: .marking) == index, "\(text)")
            compared += index.count
        }
        #expect(compared > 10_000)
    }

    /// Snippets read `marking` through gongshi_tokenizer_mark, which packs the tokens instead
    /// of handing each to a callback: the tokens must be the same (a bigram is given the
    /// offsets of its position), with and without the segmentation cache, for texts with
    /// ideographs outside the Han script (〆), long Latin words and bigrams of characters
    /// beyond the BMP (kept unpacked).
    @Test func marksAreTheMarkingTokens() throws {
        for segmentCache in [true, false] {
            let tokenizer = try ChineseTokenizer(segmentCache: segmentCache)
            var random = LCG(state: 13)
            var texts = (0..<1_500).map { _ in ChineseTokenizerInvariantTests.randomText(&random) }
            texts += [
                "第三十六条 用人单位与劳动者协商一致，可以解除劳动合同。", "社會團體登記管理條例 ＡＡＡ评估 1+11+X 境外ngo", "締め切り〆切 年〆 〇〇七 二〇二四年〡〢",
                "internationalization 和 abcdefghijklmnopqrstuvwxyz0123456789", "\u{20000}\u{2A6A5}𠀀字 𠀀", "", "。，",
            ]
            var compared = 0
            for text in texts {
                var expected = tokenizer.tokens(text, mode: .marking)
                for i in expected.indices.dropFirst() where expected[i].colocated {
                    expected[i] = Token(expected[i].text, expected[i - 1].start, expected[i - 1].end, colocated: true)
                }
                #expect(try tokenizer.marks(text) == expected, "\(text)")
                compared += expected.count
            }
            #expect(compared > 10_000)
        }
    }
}
