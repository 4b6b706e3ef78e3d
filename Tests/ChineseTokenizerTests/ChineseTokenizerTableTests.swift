import GongshiStore
import Testing

/// Table-driven tokenizer tests, one row per input (as charabia does): the folded token
/// text, the byte offsets into the original UTF-8, and `+` for a colocated whole word.
@Suite struct ChineseTokenizerTableTests {
    struct Row: CustomTestStringConvertible, Sendable {
        let input: String
        let mode: ChineseTokenizer.Mode
        let expected: String
        var testDescription: String { "\(input) (\(mode))" }
    }

    static let rows: [Row] = [
        Row(input: "", mode: .document, expected: ""),
        Row(input: "，。、“”《》！？ ", mode: .document, expected: ""),
        // Dictionary words: characters plus the colocated word in document mode.
        Row(input: "民政局负责", mode: .document, expected: "民@0-3 +民政局@0-9 政@3-6 局@6-9 负@9-12 +负责@9-15 责@12-15"),
        Row(input: "民政局负责", mode: .query, expected: "民@0-3 政@3-6 局@6-9 负@9-12 责@12-15"),
        Row(input: "民政局负责", mode: .words, expected: "民政局@0-9 负责@9-15"),
        Row(input: "进一步", mode: .document, expected: "进@0-3 +进一步@0-9 一@3-6 步@6-9"),
        // Mixed Han, Latin and digits.
        Row(input: "2016年200平方米", mode: .query, expected: "2016@0-4 年@4-7 200@7-10 平@10-13 方@13-16 米@16-19"),
        Row(input: "NGO境外", mode: .words, expected: "ngo@0-3 境外@3-9"),
        Row(input: "iPhone15手机", mode: .query, expected: "iphone15@0-8 手@8-11 机@11-14"),
        // Full-width forms fold to ASCII; the ideographic space separates.
        Row(input: "ＡＢＣ１２３", mode: .document, expected: "abc123@0-18"),
        Row(input: "ＡＡＡ\u{3000}评估", mode: .query, expected: "aaa@0-9 评@12-15 估@15-18"),
        // Traditional folds to Simplified; offsets point at the Traditional bytes.
        Row(input: "社會團體", mode: .document, expected: "社@0-3 +社会@0-6 会@3-6 团@6-9 +团体@6-12 体@9-12"),
        Row(input: "登記管理條例", mode: .words, expected: "登记@0-6 管理@6-12 条例@12-18"),
        // 文号 with every kind of bracket gives the same tokens.
        Row(input: "青民〔2016〕45号", mode: .query, expected: "青@0-3 民@3-6 2016@9-13 45@16-18 号@18-21"),
        Row(input: "青民[2016]45号", mode: .query, expected: "青@0-3 民@3-6 2016@7-11 45@12-14 号@14-17"),
        Row(input: "青民（2016）45号", mode: .query, expected: "青@0-3 民@3-6 2016@9-13 45@16-18 号@18-21"),
        Row(input: "青民【2016】45号", mode: .query, expected: "青@0-3 民@3-6 2016@9-13 45@16-18 号@18-21"),
        Row(input: "青民(2016)45号", mode: .query, expected: "青@0-3 民@3-6 2016@7-11 45@12-14 号@14-17"),
        // The word marker asks for one whole-word token.
        Row(input: "\u{E000}社会团体", mode: .query, expected: "社会团体@3-15"),
        Row(input: "\u{E000}社會 團體", mode: .query, expected: "社会团体@3-16"),
    ]

    static func render(_ tokens: [Token]) -> String { tokens.map(\.description).joined(separator: " ") }

    @Test(arguments: rows)
    func tokens(row: Row) throws {
        let tokenizer = try ChineseTokenizer()
        #expect(Self.render(tokenizer.tokens(row.input, mode: row.mode)) == row.expected)
    }

    @Test func bracketsDoNotChangeTokenTexts() throws {
        let tokenizer = try ChineseTokenizer()
        let texts = ["青民〔2016〕45号", "青民[2016]45号", "青民（2016）45号", "青民【2016】45号", "青民(2016)45号", "青民2016 45号"]
            .map { tokenizer.tokens($0, mode: .query).map(\.text) }
        #expect(Set(texts.map { $0.joined(separator: "|") }) == ["青|民|2016|45|号"])
    }

    @Test func tenThousandCharacterLatinTokenIsCutAtTheLimit() throws {
        let tokenizer = try ChineseTokenizer()
        let tokens = tokenizer.tokens(String(repeating: "a", count: 10_000))
        #expect(tokens.count == 1)
        #expect(tokens[0].text.utf8.count == 128)
        #expect(tokens[0].start == 0 && tokens[0].end <= 10_000)
    }

    @Test func tenThousandCharacterHanRunGivesEveryCharacter() throws {
        let tokenizer = try ChineseTokenizer()
        let text = String(repeating: "社会组织信息公开", count: 1_250)
        let tokens = tokenizer.tokens(text, mode: .query)
        #expect(tokens.count == 10_000)
        #expect(zip(tokens, tokens.dropFirst()).allSatisfy { $0.end == $1.start })
        #expect(tokens.last?.end == text.utf8.count)
    }

    @Test func invalidUTF8BytesSeparateAndValidTextKeepsItsOffsets() throws {
        let tokenizer = try ChineseTokenizer()
        // 民 (E6 B0 91), a truncated sequence E6 97, 0xFF, then 政 (E6 94 BF) and "ab".
        let bytes: [UInt8] = [0xE6, 0xB0, 0x91, 0xE6, 0x97, 0xFF, 0xE6, 0x94, 0xBF, 0x61, 0x62]
        #expect(Self.render(tokenizer.tokens(utf8: bytes, mode: .query)) == "民@0-3 政@6-9 ab@9-11")
        // UTF-8-encoded surrogates (ED A0 80) are invalid and dropped.
        #expect(Self.render(tokenizer.tokens(utf8: [0x61, 0xED, 0xA0, 0x80, 0x62], mode: .query)) == "a@0-1 b@4-5")
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

/// Invariants over pseudo-random input mixing scripts, and no crash on random bytes.
@Suite struct ChineseTokenizerInvariantTests {
    struct LCG {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 33
        }
    }

    static let alphabet = Array("社会团体登記條例民政局进一步aZ09ＡＢ１２，。、《》【】〔〕()[] \u{3000}😀é\u{0301}ﬁ㈱")

    @Test func everyTokenHasValidOffsetsOnCodePointBoundaries() throws {
        let tokenizer = try ChineseTokenizer()
        var random = LCG(state: 42)
        for _ in 0..<400 {
            let length = Int(random.next() % 40)
            let text = String((0..<length).map { _ in Self.alphabet[Int(random.next() % UInt64(Self.alphabet.count))] })
            let bytes = Array(text.utf8)
            for mode in [ChineseTokenizer.Mode.document, .query, .words] {
                let tokens = tokenizer.tokens(text, mode: mode)
                var lastStart = -1
                for token in tokens {
                    #expect(0 <= token.start && token.start < token.end && token.end <= bytes.count, "\(text)")
                    #expect(bytes[token.start] & 0xC0 != 0x80, "start inside a code point: \(text)")
                    #expect(token.end == bytes.count || bytes[token.end] & 0xC0 != 0x80, "end inside a code point: \(text)")
                    #expect(!token.text.isEmpty)
                    if !token.colocated {
                        #expect(token.start >= lastStart, "\(text)")
                        lastStart = token.start
                    }
                }
            }
        }
    }

    @Test func randomBytesNeverCrash() throws {
        let tokenizer = try ChineseTokenizer()
        var random = LCG(state: 7)
        for _ in 0..<500 {
            let bytes = (0..<Int(random.next() % 64)).map { _ in UInt8(random.next() & 0xFF) }
            for token in tokenizer.tokens(utf8: bytes, mode: .document) {
                #expect(token.start >= 0 && token.end <= bytes.count && token.start < token.end)
            }
        }
    }
}
