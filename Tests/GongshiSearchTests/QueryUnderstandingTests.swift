import Foundation
import GongshiSearch
import GongshiStore
import GongshiTestSupport
import Testing

/// Issue 13: queries as people type them (no spaces, words in any order, a wrong
/// character, pinyin without tones, identifiers written any way) against the fixture corpus.
@Suite struct QueryUnderstandingTests {
    func search(_ query: String, limit: Int = 10) throws -> SearchResponse {
        try SearchFixture.engine().search(SearchRequest(query: query, limit: limit))
    }

    @Test func unspacedWordsFindTheOrganizationAndItsRecords() throws {
        let response = try search("法律服务协会")
        let first = try #require(response.results.first)
        #expect(first.kind == "org")
        #expect(first.title == "青浦区法律服务工作者协会")
        // Its status is shown with it, and it ranks above its own credit records.
        #expect(first.label?.contains("列入严重违法失信名单") == true)
        let credit = response.results.filter { $0.kind == "credit" && $0.title == "青浦区法律服务工作者协会" }
        #expect(credit.count == 2)
        #expect(response.relaxed.isEmpty)
    }

    @Test func wordsInAnyOrderWithProximityFirst() throws {
        let response = try search("成立社会团体条件")
        let first = try #require(response.results.first)
        #expect(first.title == "社会团体登记管理条例")
        #expect(first.label == "第十条")
        // The same words in another order still match.
        #expect(try search("条件 社会团体 成立").total > 0)
    }

    @Test func colloquialQuestionsFindTheRegulation() throws {
        let found = try search("成立协会")
        let first = try #require(found.results.first)
        #expect(first.title == "社会团体登记管理条例")
        #expect(first.snippet.text.contains("成立社会团体"))
        // 多久 reads as 期限/日内: the articles with the 60-day time limits of registration.
        let howLong = try search("社团登记多久")
        let top = howLong.results.prefix(5)
        #expect(top.first?.title == "社会团体登记管理条例")
        #expect(top.first?.snippet.text.contains("日内") == true)
        #expect(top.contains { $0.title == "社会团体登记管理条例" && $0.label == "第十二条" })
    }

    @Test(arguments: [
        ("社会团体登记管理条例第十条", "社会团体登记管理条例", "第十条"),
        ("慈善法第十条", "中华人民共和国慈善法", "第十条"),
        ("社团条例10条", "社会团体登记管理条例", "第十条"),
        ("《基金会管理条例》第11条", "基金会管理条例", "第十一条"),
    ])
    func documentAndArticleNumberIsTheFirstResult(query: String, title: String, label: String) throws {
        let first = try #require(try search(query).results.first)
        #expect(first.kind == "article")
        #expect(first.title == title)
        #expect(first.label == label)
        #expect(first.score >= 1000)
    }

    @Test func partialDocumentNumberAndPenaltyDecisionAreExactHits() throws {
        let document = try #require(try search("青民〔2016〕45").results.first)
        #expect(document.kind == "policy")
        #expect(document.title == "关于加强本区社会组织服务中心建设的指导意见")
        #expect(document.score >= 1000)
        for typed in ["青民罚决字〔2025〕1号", "青民罚决字[2025]1号", "青民罚决字（2025）1"] {
            let penalty = try #require(try search(typed).results.first, "\(typed)")
            #expect(penalty.kind == "credit")
            #expect(penalty.title == "青浦区康复医院")
            #expect(penalty.score >= 1000)
        }
    }

    @Test func creditCodeWithSpacesAndFullWidthIsAnExactHit() throws {
        let code = "51310118MJ0619796P"
        let fullWidth = String(String.UnicodeScalarView(code.unicodeScalars.map { Unicode.Scalar($0.value + 0xFEE0)! }))
        for typed in ["5131 0118 MJ06 1979 6P", code.lowercased(), fullWidth] {
            let first = try #require(try search(typed).results.first)
            #expect(first.kind == "org")
            #expect(first.id == code)
        }
    }

    @Test func termWithPunctuationInsideIsFound() throws {
        let response = try search("1+11+X")
        let first = try #require(response.results.first)
        #expect(first.title == "关于加强本区社会组织服务中心建设的指导意见")
        #expect(first.snippet.segments.contains { $0.marked && $0.text == "1+11+X" })
    }

    @Test func pinyinWithVForUmlautOrTonesEqualsPlainPinyin() throws {
        let plain = try search("falu").results.map(\.id)
        #expect(!plain.isEmpty)
        #expect(try search("falv").results.map(\.id) == plain)
        #expect(try search("fǎlǜ").results.map(\.id) == plain)
        #expect(try search("fa3lv4").results.map(\.id) == plain)
    }

    /// Pinyin words, spaced, unspaced or as syllables typed apart, find what their Han words find,
    /// in the same order, with the Han words marked (never the pinyin keys the index keeps).
    @Test(arguments: ["falv fuwu", "fa lv fu wu", "falvfuwu", "FaLü FuWu"])
    func pinyinWordsSearchLikeTheirHanWords(query: String) throws {
        let han = try search("法律服务")
        let response = try search(query)
        #expect(!han.results.isEmpty)
        #expect(response.results.map(\.id) == han.results.map(\.id))
        #expect(response.results.first?.title.contains("法律服务") == true)
        #expect(response.results.first?.snippet.segments.contains { $0.marked && $0.text == "法律服务" } == true)
    }

    @Test func pinyinOfANameShowsItsTextNotItsPinyinKeys() throws {
        // Initials of a whole name: found through the pinyin column only.
        let response = try search("qpqflfwgzzxh")
        let first = try #require(response.results.first)
        #expect(first.title == "青浦区法律服务工作者协会")
        let snippet = first.snippet.segments.map(\.text).joined()
        #expect(!snippet.isEmpty)
        #expect(!snippet.contains("qpq") && !snippet.contains("falufuwu"))
    }

    @Test func relaxationDropsWordsNothingHasAndSaysWhich() throws {
        let response = try search("成立协会多久报销")
        #expect(!response.results.isEmpty)
        #expect(response.relaxed == ["报销"])
        #expect(response.words == ["成立", "协会", "多久", "报销"])
        // The notice data: every result has the words kept.
        let strict = try search("成立协会多久")
        #expect(strict.relaxed.isEmpty)
        #expect(response.results.first?.id == strict.results.first?.id)
    }

    @Test func relaxationDropsTheMostCommonWordWhenEveryWordOccursSomewhere() throws {
        // 慈善信托 and 分支机构 never occur in one passage; each occurs somewhere.
        let response = try search("慈善信托分支机构")
        #expect(!response.results.isEmpty)
        #expect(response.relaxed.count == 1)
        #expect(try search("慈善信托").total > 0)
        #expect(try search("分支机构").total > 0)
    }

    @Test func didYouMeanForOneWrongCharacter() throws {
        let response = try search("法律服物工作者协会")
        #expect(response.suggestion == "青浦区法律服务工作者协会")
        // Names typed right get no suggestion.
        #expect(try search("法律服务工作者协会").suggestion == nil)
        // A missing character in a document title.
        #expect(try search("社会团体登记管理例").suggestion == "社会团体登记管理条例")
    }

    @Test func queryWordsSegmentAsPeopleMeanThem() throws {
        let tokenizer = try ChineseTokenizer()
        let vocabulary = QueryVocabulary(synonyms: ["民非": ["民办非企业单位"]], colloquial: ["多久": ["期限", "日内"]], questionWords: ["吗", "多久"])
        func words(_ text: String) -> [String] { QueryWords.words(text, tokenizer: tokenizer, vocabulary: vocabulary).map(\.text) }
        #expect(words("民非分支机构") == ["民非", "分支", "机构"])
        #expect(words("1+11+X") == ["1 11 x"])
        #expect(words("社团登记多久吗") == ["社团", "登记", "多久"])
        #expect(words("吗") == ["吗"])
    }
}
