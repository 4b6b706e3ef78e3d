import GongshiStore
import Testing

/// Renders tokens the way the tables below are written: `text@start-end`, `+` in front of
/// a colocated whole word, tokens separated by single spaces.
func render(_ tokens: [Token]) -> String { tokens.map(\.description).joined(separator: " ") }

/// Compares rendered tokens scalar by scalar (Swift's `==` on String is canonical
/// equivalence, which would hide a decomposed "é" against a precomposed one).
func expectTokens(
    _ tokens: [Token], _ expected: String, _ label: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let actual = render(tokens)
    #expect(
        actual.unicodeScalars.elementsEqual(expected.unicodeScalars),
        "\(label)\n  actual:   \(actual)\n  expected: \(expected)", sourceLocation: sourceLocation)
}

/// Table-driven tokenizer tests, one row per input and mode (as charabia does): the folded
/// token text, the byte offsets into the original UTF-8, and `+` for a colocated word.
@Suite struct ChineseTokenizerTableTests {
    struct Row: CustomTestStringConvertible, Sendable {
        let bytes: [UInt8]
        let label: String
        let mode: ChineseTokenizer.Mode
        let expected: String

        init(_ input: String, _ mode: ChineseTokenizer.Mode, _ expected: String) {
            bytes = Array(input.utf8)
            label = input.debugDescription
            self.mode = mode
            self.expected = expected
        }

        /// Raw bytes, for invalid UTF-8.
        init(utf8 bytes: [UInt8], _ mode: ChineseTokenizer.Mode, _ expected: String) {
            self.bytes = bytes
            label = bytes.map { byte in
                let hex = String(byte, radix: 16, uppercase: true)
                return hex.count == 1 ? "0" + hex : hex
            }.joined(separator: " ")
            self.mode = mode
            self.expected = expected
        }

        var testDescription: String { "\(label) (\(mode))" }
    }

    static let 民: [UInt8] = [0xE6, 0xB0, 0x91]
    static let 政: [UInt8] = [0xE6, 0x94, 0xBF]

    static let rows: [Row] = [
        // Nothing to index.
        Row("", .document, ""),
        Row("", .query, ""),
        Row("", .words, ""),
        Row(" \u{3000}\t\n", .document, ""),

        // Pure Han with dictionary words: characters plus the colocated word (document),
        // characters only (query), dictionary words only (words).
        Row("民政局负责", .document, "民@0-3 +民政局@0-9 政@3-6 局@6-9 负@9-12 +负责@9-15 责@12-15"),
        Row("民政局负责", .query, "民@0-3 政@3-6 局@6-9 负@9-12 责@12-15"),
        Row("民政局负责", .words, "民政局@0-9 负责@9-15"),
        Row("进一步", .document, "进@0-3 +进一步@0-9 一@3-6 步@6-9"),
        Row("进一步", .query, "进@0-3 一@3-6 步@6-9"),
        Row("进一步", .words, "进一步@0-9"),
        Row("县级以上人民政府", .document, "县@0-3 级@3-6 以@6-9 +以上@6-12 上@9-12 人@12-15 +人民政府@12-24 民@15-18 政@18-21 府@21-24"),
        Row("县级以上人民政府", .words, "县@0-3 级@3-6 以上@6-12 人民政府@12-24"),
        Row("社会组织信息公开", .document, "社@0-3 +社会@0-6 会@3-6 组@6-9 +组织@6-12 织@9-12 信@12-15 +信息@12-18 息@15-18 公@18-21 +公开@18-24 开@21-24"),

        // What FTS5 stores and queries: a bigram (prefixed with \u{1}) at each Han character
        // that another Han character follows, also across word boundaries; colocated in the
        // index, in place of the character in a query phrase (whose last character stays).
        Row("民政局负责", .index, "民@0-3 +民政局@0-9 +\u{1}民政@0-6 政@3-6 +\u{1}政局@3-9 局@6-9 +\u{1}局负@6-12 负@9-12 +负责@9-15 +\u{1}负责@9-15 责@12-15"),
        Row("民政局负责", .phrase, "\u{1}民政@0-6 \u{1}政局@3-9 \u{1}局负@6-12 \u{1}负责@9-15 责@12-15"),
        Row("民", .index, "民@0-3"),
        Row("民", .phrase, "民@0-3"),
        Row("2016年200平方米", .index, "2016@0-4 年@4-7 200@7-10 平@10-13 +平方米@10-19 +\u{1}平方@10-16 方@13-16 +\u{1}方米@13-19 米@16-19"),
        Row("2016年200平方米", .phrase, "2016@0-4 年@4-7 200@7-10 \u{1}平方@10-16 \u{1}方米@13-19 米@16-19"),
        Row("社會，團體", .phrase, "\u{1}社会@0-6 会@3-6 \u{1}团体@9-15 体@12-15"),
        // A short phrase leaves out its last character when the bigram before it implies it
        // (only the last: the tokens before keep their positions).
        Row("民政局负责", .shortPhrase, "\u{1}民政@0-6 \u{1}政局@3-9 \u{1}局负@6-12 \u{1}负责@9-15"),
        Row("民", .shortPhrase, "民@0-3"),
        Row("2016年200平方米", .shortPhrase, "2016@0-4 年@4-7 200@7-10 \u{1}平方@10-16 \u{1}方米@13-19"),
        Row("社會，團體", .shortPhrase, "\u{1}社会@0-6 会@3-6 \u{1}团体@9-15"),
        Row("境外ngo组织", .shortPhrase, "\u{1}境外@0-6 外@3-6 ngo@6-9 \u{1}组织@9-15"),

        // Mixed Han, Latin and digits: script changes split words.
        Row("2016年200平方米", .document, "2016@0-4 年@4-7 200@7-10 平@10-13 +平方米@10-19 方@13-16 米@16-19"),
        Row("2016年200平方米", .query, "2016@0-4 年@4-7 200@7-10 平@10-13 方@13-16 米@16-19"),
        Row("2016年200平方米", .words, "2016@0-4 年@4-7 200@7-10 平方米@10-19"),
        Row("NGO境外", .document, "ngo@0-3 境@3-6 +境外@3-9 外@6-9"),
        Row("NGO境外", .query, "ngo@0-3 境@3-6 外@6-9"),
        Row("NGO境外", .words, "ngo@0-3 境外@3-9"),
        Row("iPhone15手机", .query, "iphone15@0-8 手@8-11 机@11-14"),
        Row("3.14 1,000", .document, "3.14@0-4 1,000@5-10"),

        // Full-width forms fold to ASCII (offsets stay on the 3-byte originals); the
        // ideographic space separates like an ASCII space.
        Row("ＡＢＣ１２３", .document, "abc123@0-18"),
        Row("ＡＢＣ１２３", .query, "abc123@0-18"),
        Row("ＡＢＣ\u{3000}１２３", .document, "abc@0-9 123@12-21"),
        Row("ＡＡＡ评估 ABC１２３", .document, "aaa@0-9 评@9-12 +评估@9-15 估@12-15 abc123@16-28"),
        Row("２０１６年", .document, "2016@0-12 年@12-15"),

        // Traditional folds to Simplified; offsets point at the Traditional bytes and the
        // dictionary sees the Simplified words.
        Row("社會團體登記管理條例", .document, "社@0-3 +社会@0-6 会@3-6 团@6-9 +团体@6-12 体@9-12 登@12-15 +登记@12-18 记@15-18 管@18-21 +管理@18-24 理@21-24 条@24-27 +条例@24-30 例@27-30"),
        Row("社會團體登記管理條例", .query, "社@0-3 会@3-6 团@6-9 体@9-12 登@12-15 记@15-18 管@18-21 理@21-24 条@24-27 例@27-30"),
        Row("社會團體登記管理條例", .words, "社会@0-6 团体@6-12 登记@12-18 管理@18-24 条例@24-30"),

        // 文号 with every kind of bracket: same token texts, offsets after the bracket.
        Row("青民〔2016〕45号", .document, "青@0-3 民@3-6 2016@9-13 45@16-18 号@18-21"),
        Row("青民[2016]45号", .document, "青@0-3 民@3-6 2016@7-11 45@12-14 号@14-17"),
        Row("青民（2016）45号", .document, "青@0-3 民@3-6 2016@9-13 45@16-18 号@18-21"),
        Row("青民【2016】45号", .document, "青@0-3 民@3-6 2016@9-13 45@16-18 号@18-21"),
        Row("青民(2016)45号", .document, "青@0-3 民@3-6 2016@7-11 45@12-14 号@14-17"),
        Row("青民〔2016〕45号", .query, "青@0-3 民@3-6 2016@9-13 45@16-18 号@18-21"),

        // Punctuation is dropped and never glues words.
        Row("，。、“”《》！？", .document, ""),
        Row("“民政”，《条例》。、", .document, "民@3-6 +民政@3-9 政@6-9 条@18-21 +条例@18-24 例@21-24"),
        Row("民政局（社会组织管理局）", .words, "民政局@0-9 社会@12-18 组织@18-24 管理局@24-33"),

        // Emoji are not tokens and separate Han words.
        Row("😀民政", .document, "民@4-7 +民政@4-10 政@7-10"),
        Row("民😀政", .document, "民@0-3 政@7-10"),

        // Per-code-point NFKC case folding: ligatures and enclosed forms expand (the pieces
        // keep the whole source code point's offsets), default-ignorables vanish.
        Row("ﬁ", .document, "fi@0-3"),
        Row("㈱", .document, "株@0-3"),
        Row("ab\u{00AD}cd", .document, "abcd@0-6"),
        // Folding one code point at a time does not compose: a decomposed é stays two
        // scalars (so it differs from a precomposed é), and Traditional->Simplified has no
        // context (乾 in 乾坤 becomes 干, so 乾坤 is no longer a word). Both sides of the
        // index fold the same way, so matching is unaffected except for the é case.
        Row("e\u{0301}", .document, "e\u{0301}@0-3"),
        Row("\u{00E9}", .document, "\u{00E9}@0-2"),
        Row("乾坤 頭髮", .document, "干@0-3 坤@3-6 头@7-10 +头发@7-13 发@10-13"),

        // The word marker (U+E000) in query mode: exactly one whole-word token, the words
        // folded and joined, offsets from the first to the last word.
        Row("\u{E000}社会团体", .query, "社会团体@3-15"),
        Row("\u{E000}社會 團體", .query, "社会团体@3-16"),
        Row("\u{E000}“民政局”", .query, "民政局@6-15"),
        Row("\u{E000}ＡＡＡ 评估", .query, "aaa评估@3-19"),
        Row("\u{E000}", .query, ""),
        Row("\u{E000}，。", .query, ""),
        // ... only in query mode and only at the very start; elsewhere it is a separator.
        Row("\u{E000}民政", .document, "民@3-6 +民政@3-9 政@6-9"),
        Row("\u{E000}民政", .words, "民政@3-9"),
        Row("民政\u{E000}局", .query, "民@0-3 政@3-6 局@9-12"),

        // Invalid UTF-8: each bad sequence separates, valid text keeps its offsets.
        Row(utf8: [0xE6, 0x97], .document, ""),
        Row(utf8: [0xE6, 0x97, 0x61, 0x62], .document, "ab@2-4"),
        Row(utf8: [0x61, 0x62, 0xE6, 0x97], .document, "ab@0-2"),
        Row(utf8: 民 + [0xE6, 0x97] + 政, .document, "民@0-3 政@5-8"),
        Row(utf8: 民 + 政 + [0xE6, 0x97], .document, "民@0-3 +民政@0-6 政@3-6"),
        Row(utf8: 民 + [0xFF] + 政, .document, "民@0-3 政@4-7"),
        Row(utf8: Array("民政局".utf8) + [0xFF] + Array("负责".utf8), .document, "民@0-3 +民政局@0-9 政@3-6 局@6-9 负@10-13 +负责@10-16 责@13-16"),
        Row(utf8: [0x41, 0x80, 0x42], .document, "a@0-1 b@2-3"),
        Row(utf8: [0xC0, 0x80, 0x61], .document, "a@2-3"),
        Row(utf8: [0xF4, 0x90, 0x80, 0x80, 0x61], .document, "a@4-5"),
        // UTF-8-encoded surrogates (CESU-8) are invalid: dropped, and they separate.
        Row(utf8: [0xED, 0xA0, 0x80], .document, ""),
        Row(utf8: [0x61, 0xED, 0xA0, 0x80, 0x62], .document, "a@0-1 b@4-5"),
        Row(utf8: 民 + [0xED, 0xA0, 0x80] + 政, .document, "民@0-3 政@6-9"),
        Row(utf8: [0x61, 0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80, 0x62], .query, "a@0-1 b@7-8"),
    ]

    @Test(arguments: rows)
    func tokens(row: Row) throws {
        let tokenizer = try ChineseTokenizer()
        expectTokens(tokenizer.tokens(utf8: row.bytes, mode: row.mode), row.expected, row.testDescription)
    }

    @Test func bracketsDoNotChangeTokenTexts() throws {
        let tokenizer = try ChineseTokenizer()
        let inputs = ["青民〔2016〕45号", "青民[2016]45号", "青民（2016）45号", "青民【2016】45号", "青民(2016)45号", "青民2016 45号"]
        for mode in [ChineseTokenizer.Mode.document, .query, .words] {
            for input in inputs {
                #expect(tokenizer.tokens(input, mode: mode).map(\.text) == ["青", "民", "2016", "45", "号"], "\(input) \(mode)")
            }
        }
    }

    @Test func tenThousandCharacterLatinTokenIsCutAtTheLimit() throws {
        let tokenizer = try ChineseTokenizer()
        for mode in [ChineseTokenizer.Mode.document, .query, .words] {
            // The text is cut to GONGSHI_MAX_TOKEN_BYTES; the offsets span the whole word.
            let ascii = tokenizer.tokens(String(repeating: "A", count: 10_000), mode: mode)
            #expect(ascii == [Token(String(repeating: "a", count: 128), 0, 10_000)])

            let fullWidth = tokenizer.tokens("民 " + String(repeating: "Ａ", count: 10_000) + " 政", mode: mode)
            #expect(fullWidth == [Token("民", 0, 3), Token(String(repeating: "a", count: 128), 4, 30_004), Token("政", 30_005, 30_008)])

            // Two-byte letters: the cut falls on a code point boundary (1 + 63 × 2 = 127 bytes).
            let accented = tokenizer.tokens("a" + String(repeating: "é", count: 9_999), mode: mode)
            #expect(accented.count == 1)
            #expect(Array(accented.first?.text.utf8 ?? "".utf8) == Array(("a" + String(repeating: "é", count: 63)).utf8))
            #expect(accented.first?.start == 0 && accented.first?.end == 1 + 9_999 * 2)
        }
    }

    @Test func tenThousandCharacterHanRunKeepsPositionsAndOffsets() throws {
        let tokenizer = try ChineseTokenizer()
        let source = Array("社会组织信息公开民政局进一步登记管理條例中华人民共和国县级以上人民政府社會團體")
        let characters = (0..<10_000).map { source[$0 % source.count] }
        let text = String(characters)
        let byteCount = text.utf8.count
        #expect(byteCount == 30_000)

        // Document mode: one non-colocated token per character, at 3-byte steps; each
        // colocated word starts with the character it shares a position with.
        let document = tokenizer.tokens(text, mode: .document)
        let characterTokens = document.filter { !$0.colocated }
        #expect(characterTokens.count == 10_000)
        #expect(characterTokens.enumerated().allSatisfy { $1.start == 3 * $0 && $1.end == 3 * $0 + 3 })
        #expect(document.first?.colocated == false)
        var words = 0
        for (previous, token) in zip(document, document.dropFirst()) where token.colocated {
            words += 1
            #expect(!previous.colocated && token.start == previous.start, "\(previous) \(token)")
            #expect(token.end > token.start + 3 && token.end <= byteCount && (token.end - token.start) % 3 == 0, "\(token)")
            #expect(token.text.utf8.count == token.end - token.start, "\(token)")
        }
        #expect(words > 1_000)

        // Query mode: the same characters, no words. Words mode: tiles the whole text.
        #expect(tokenizer.tokens(text, mode: .query) == characterTokens)
        let dictionaryWords = tokenizer.tokens(text, mode: .words)
        #expect(dictionaryWords.first?.start == 0 && dictionaryWords.last?.end == byteCount)
        #expect(zip(dictionaryWords, dictionaryWords.dropFirst()).allSatisfy { $0.end == $1.start })

        // A run of one repeated character too.
        let repeated = tokenizer.tokens(String(repeating: "的", count: 10_000), mode: .document)
        #expect(repeated.filter { !$0.colocated }.count == 10_000)
    }

    @Test func wordMarkerTokenIsCutToAPrefix() throws {
        let tokenizer = try ChineseTokenizer()
        // 43 × 测 (129 bytes) then "ab": one whole-word token, cut at a code point to at
        // most 128 bytes, i.e. the first 42 × 测; "ab" from the next word is not appended
        // after the cut, so the token stays a prefix of the folded text.
        let tokens = tokenizer.tokens(ChineseTokenizer.wordMarker + String(repeating: "测", count: 43) + " ab", mode: .query)
        #expect(tokens.count == 1)
        #expect(tokens.first?.start == 3 && tokens.first?.end == 3 + 129 + 3)
        #expect(tokens.first?.text == String(repeating: "测", count: 42))
    }

    @Test func pinyinIsTonelessWithSyllablesApart() throws {
        let tokenizer = try ChineseTokenizer()
        #expect(tokenizer.pinyin("社会团体") == "she hui tuan ti")
        #expect(tokenizer.pinyin("基金会") == "ji jin hui")
    }

    @Test func gb18030Decodes() {
        // 名称 in GB18030: C3 FB B3 C6.
        #expect(ChineseTokenizer.decodeGB18030([0xC3, 0xFB, 0xB3, 0xC6, 0x2C, 0x41]) == "名称,A")
    }
}
