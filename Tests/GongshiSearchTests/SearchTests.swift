import Foundation
import GRDB
import GongshiSearch
import GongshiStore
import GongshiTestSupport
import Testing

@Suite struct SearchTests {
    @Test func devSearchCasesPass() throws {
        let engine = try SearchFixture.engine()
        let text = try String(contentsOf: ProjectPaths.fixtures("GongshiSearchTests").appendingPathComponent("dev-search.jsonl"), encoding: .utf8)
        let cases = try SearchEvaluation.cases(jsonLines: text)
        #expect(cases.count == 13)
        let outcomes = try SearchEvaluation(engine: engine).run(cases)
        let passed = outcomes.filter(\.passed).count
        print("dev-search: \(passed) passed, \(outcomes.count - passed) failed")
        for outcome in outcomes {
            #expect(outcome.passed, "\(outcome.id) \(outcome.query): missing \(outcome.missing)")
        }
    }

    /// A common word matches many passages of a few documents; the first page shows each
    /// matching document's best passage before any document's second one.
    @Test func firstPageShowsOnePassagePerDocument() throws {
        let response = try SearchFixture.engine().search(SearchRequest(query: "民政", limit: 10))
        let documents = response.results.filter { $0.kind == "policy" || $0.kind == "article" }
            .map { String($0.id.split(separator: "#").first ?? "") }
        #expect(documents.count == 10)
        #expect(Set(documents).count == documents.count, "\(documents)")
        // The ranking inside that order is kept: best passages first.
        let scores = response.results.map(\.score)
        #expect(scores == scores.sorted(by: >))
    }

    @Test(arguments: [
        "\"", "\"\"\"", "*", "(", ")", "(((", "NEAR", "NEAR(a b)", "AND", "OR NOT", "a OR", "title:民政", "^民政",
        "-民政", "+", "{title body}: 民政", "民政*", "\u{0}", "\u{E000}", "\u{E000}民政", "😀", "<script>alert(1)</script>",
        String(repeating: "民", count: 10_000), String(repeating: "a ", count: 5_000), "   ", "",
        "“民政”", "'; DROP TABLE org; --", "\u{FEFF}民政", "%E4%B8", "\\", "民政 AND", "NOT 民政",
    ])
    func hostileQueriesNeverFail(query: String) throws {
        let engine = try SearchFixture.engine()
        let response = try engine.search(SearchRequest(query: query))
        #expect(response.results.count <= 10)
        #expect(response.total >= response.results.count)
    }

    /// Snippets are data: the text as stored and the ranges of the match, touching marks
    /// merged (the HTML form is tested with the web layer, `ContractTests`).
    @Test func snippetsMarkTheMatchedWords() throws {
        let engine = try SearchFixture.engine()
        let plain = try engine.search(SearchRequest(query: "原始基金"))
        #expect(plain.results.contains { $0.snippet.segments.contains { $0.marked && $0.text == "原始基金" } })
        for result in plain.results {
            let marks = result.snippet.marks
            #expect(zip(marks, marks.dropFirst()).allSatisfy { $0.upperBound < $1.lowerBound })
            #expect(!result.snippet.text.unicodeScalars.contains { $0.value == 1 || $0.value == 2 })
        }
    }

    @Test func documentNumberWithAnyBracketsFindsTheDocumentFirst() throws {
        let engine = try SearchFixture.engine()
        for query in ["青民[2016]45号", "青民〔2016〕45号", "青民（2016）45号", "青民【2016】45号", "青民2016 45号"] {
            let response = try engine.search(SearchRequest(query: query))
            #expect(response.results.first?.id == "qingpu-shehui-zuzhi-fuwu-zhongxin-2016", "\(query)")
        }
    }

    @Test func articlesCarryLabelTitleAndAnchorURL() throws {
        let engine = try SearchFixture.engine()
        let response = try engine.search(SearchRequest(query: "原始基金", kind: .article))
        let hit = try #require(response.results.first { $0.title == "基金会管理条例" })
        #expect(hit.kind == "article")
        #expect(hit.label?.hasPrefix("第") == true)
        guard case .policy(id: "jijinhui-tiaoli", anchor: let anchor?) = hit.ref else {
            Issue.record("\(hit.ref)")
            return
        }
        #expect(anchor.hasPrefix("a"))
        #expect(response.results.allSatisfy { $0.kind == "article" })
    }

    @Test func wholeWordMatchesRankAboveSubstringMatches() throws {
        let engine = try SearchFixture.engine()
        // 民政 is a word in 民政部门 but only a substring of 人民政府.
        let response = try engine.search(SearchRequest(query: "民政", kind: .article, limit: 20))
        let texts = try engine.database.read { db in
            try response.results.map { r in
                let parts = r.id.split(separator: "#").map(String.init)
                return try String.fetchOne(db, sql: "SELECT text FROM unit WHERE document_id = ? AND anchor = ?", arguments: [parts[0], parts[1]]) ?? ""
            }
        }
        #expect(texts.prefix(10).allSatisfy { $0.contains("民政部") || $0.contains("民政局") || $0.contains("民政部门") })
    }

    @Test func pinyinFindsHanTextButRanksBelowHanMatches() throws {
        let engine = try SearchFixture.engine()
        let pinyin = try engine.search(SearchRequest(query: "jijinhui"))
        #expect(pinyin.results.contains { $0.title == "基金会管理条例" })
        let initials = try engine.search(SearchRequest(query: "jjh"))
        #expect(initials.results.contains { $0.title.contains("基金会") })
    }

    /// A kind filter with facets (the search page's own "条款" link) used to be an ambiguous
    /// column in the documents' facet query: a 500.
    @Test(arguments: [SearchRequest.Kind.article, .policy, .org])
    func facetsUnderAKindFilter(kind: SearchRequest.Kind) throws {
        let facets = try SearchFixture.engine().facets(SearchRequest(query: "原始基金", kind: kind))
        let kinds = facets.groups.first { $0.name == "kind" }?.values.map(\.value) ?? []
        #expect(kinds.allSatisfy { $0 == kind.rawValue }, "\(kinds)")
    }
}

@Suite struct ExactHitTests {
    @Test func creditCodeGoesStraightToItsOrganization() throws {
        let engine = try SearchFixture.engine()
        let sample = try engine.database.organizationSample()
        let code = try #require(sample.code)
        #expect(sample.count == 300)
        for typed in [code, code.lowercased(), " \(code) "] {
            let response = try engine.search(SearchRequest(query: typed))
            #expect(response.results.first?.kind == "org")
            #expect(response.results.first?.id == code)
            #expect(response.results.first?.ref == .organization(code: code))
        }
        // A code with a wrong check character is not an exact hit.
        let wrong = String(code.dropLast()) + (code.last == "0" ? "1" : "0")
        #expect(try engine.search(SearchRequest(query: wrong)).results.first?.id != code)
    }
}

@Suite struct ConcurrentSearchTests {
    /// Searches from many threads at once (as the server makes them) return exactly what
    /// the same searches return one at a time.
    @Test func concurrentSearchesMatchSequentialOnes() throws {
        let engine = try SearchFixture.engine()
        let queries = ["社会团体", "民政", "民非 分支机构", "社團 年檢", "shehui tuanti", "ＡＡＡ评估", "青民[2016]45号", "进一步", "慈善信托", "基金会 原始基金"]
        let expected = try queries.map { try engine.search(SearchRequest(query: $0, limit: 10)) }
        let rounds = 4
        let results = Locked<[Int: SearchResponse]>([:])
        let failures = Locked<[String]>([])
        DispatchQueue.concurrentPerform(iterations: queries.count * rounds) { i in
            do {
                let response = try engine.search(SearchRequest(query: queries[i % queries.count], limit: 10))
                results.update { $0[i] = response }
            } catch {
                failures.update { $0.append("\(queries[i % queries.count]): \(error)") }
            }
        }
        #expect(failures.value.isEmpty, "\(failures.value)")
        for (i, response) in results.value {
            let want = expected[i % queries.count]
            #expect(
                response.total == want.total && response.results.map(\.id) == want.results.map(\.id)
                    && response.results.map(\.snippet) == want.results.map(\.snippet), "\(queries[i % queries.count])")
        }
        #expect(results.value.count == queries.count * rounds)
    }
}

final class Locked<Value>: @unchecked Sendable {
    private var stored: Value
    private let lock = NSLock()
    init(_ value: Value) { stored = value }
    var value: Value { lock.withLock { stored } }
    func update(_ body: (inout Value) -> Void) { lock.withLock { body(&stored) } }
}
