import Foundation
import GongshiSearch
import GongshiStore

/// /search and its JSON twin /api/search: one ranked list over every kind of record.
struct SearchController {
    let site: Site

    static let kindLabels = ["policy": "政策法规", "article": "条款", "section": "条款", "org": "社会组织", "credit": "信用记录", "notice": "公告"]
    static let facetLabels = [
        "kind": "类别", "level": "效力级别", "status": "时效", "issuer": "发布机构", "year": "发布年份",
        "org_type": "组织类型", "org_status": "登记状态", "grade": "评估等级",
    ]
    /// The query parameter that filters by a facet.
    static func parameter(forFacet name: String) -> String { name == "kind" ? "type" : name }

    /// GET /search?q=&type=&page=&level=…
    func page(_ request: HTTPRequest) throws -> HTTPResponse {
        let parsed = try SearchParameters.parse(request).get()
        return try site.pages.render(try model(parsed), page: PageContext(request, query: parsed.query))
    }

    func model(_ parsed: SearchParameters) throws -> SearchPage {
        var model = SearchPage()
        model.hasQuery = !parsed.query.isEmpty
        model.qURL = URLBuilder.component(parsed.query)
        model.looksLikeQuestion = Self.looksLikeQuestion(parsed.query)
        guard !parsed.query.isEmpty else {
            model.start = try startPage()
            return model
        }
        model.guides = try site.guides.search(parsed.query).prefix(3).map { .init(text: $0.title, link: URLBuilder.guide($0.id)) }
        let response = try site.search.search(parsed.request)
        let facets = try site.search.facets(parsed.request)
        model.results = SearchResponseBody(response).results.map { r in
            // An organization's label is its registration and credit status, shown beside the kind.
            let isOrg = r.kind == "org"
            return .init(
                title: r.title, label: isOrg ? "" : r.label ?? "", url: r.url, snippet: r.snippet,
                kindLabel: Self.kindLabels[r.kind] ?? r.kind, status: isOrg && r.label?.isEmpty == false ? r.label : nil,
                exact: r.score >= 1000)
        }
        model.relaxedNotice = Self.relaxationNotice(response)
        if let suggestion = response.suggestion {
            model.suggestion = suggestion
            model.suggestionURL = URLBuilder.component(suggestion)
        }
        model.totalText = response.total >= SearchEngine.recordCountLimit ? "\(response.total)+" : "\(response.total)"
        model.page = parsed.page > 1 ? parsed.page : nil
        model.noResults = response.results.isEmpty
        let base = parsed.parameters
        model.facets = Self.facetLinks(facets.groups, path: URLBuilder.Route.search, parameters: base)
        model.hasFacets = !facets.groups.isEmpty
        model.activeFilters = parsed.hasFilters
        model.clearURL = URLBuilder.url(URLBuilder.Route.search, [("q", parsed.query)])
        model.pagination = PageLinks(
            total: response.total, page: parsed.page, pageSize: parsed.request.limit, maxPages: 100,
            path: URLBuilder.Route.search, parameters: base)
        if response.results.isEmpty, let hint = Self.pinyinHint(parsed.query) {
            model.pinyinHint = hint
            model.pinyinURL = URLBuilder.component(hint)
        }
        return model
    }

    static let startExamples = ["社会团体登记管理条例", "成立社会团体条件", "基金会 原始基金", "民非 年检", "慈善法第十条", "评估等级 有效期", "shetuan"]

    /// The start page of an empty search: example queries, common topics and the guides.
    func startPage() throws -> SearchPage.Start {
        SearchPage.Start(
            examples: Self.startExamples.map { .init(text: $0, link: URLBuilder.url(URLBuilder.Route.search, [("q", $0)])) },
            topics: [
                .init(text: "行政法规", link: URLBuilder.url(URLBuilder.Route.policies, [("level", "行政法规")])),
                .init(text: "部门规章", link: URLBuilder.url(URLBuilder.Route.policies, [("level", "部门规章")])),
                .init(text: "社会组织名录", link: URLBuilder.Route.organizations),
                .init(text: "活动异常名录", link: URLBuilder.Route.creditAbnormal),
                .init(text: "严重违法失信名单", link: URLBuilder.Route.creditSerious),
                .init(text: "最新公告", link: URLBuilder.Route.notices),
                .init(text: "政策问答", link: URLBuilder.Route.ask),
            ],
            guides: try site.guides.list().map { .init(text: $0.title, link: URLBuilder.guide($0.id)) })
    }

    /// GET /api/search?q=&type=&page=&limit=&level=…&facets=1
    func json(_ request: HTTPRequest) throws -> HTTPResponse {
        let parsed = try SearchParameters.parse(request).get()
        guard !parsed.query.isEmpty else { throw HTTPProblem.badRequest("缺少检索词参数 q") }
        let response = try site.search.search(parsed.request)
        guard request.query["facets"] == "1" else { return .json(encoded: SearchResponseBody(response).jsonBytes()) }
        return .json(SearchPageBody(response: SearchResponseBody(response), facets: try site.search.facets(parsed.request)))
    }

    /// Parameters with `key` set to `value` (or removed), and the page reset.
    static func replacing(_ parameters: [(String, String?)], _ key: String, _ value: String?) -> [(String, String?)] {
        var out = parameters.filter { $0.0 != key && $0.0 != "page" }
        if let value { out.append((key, value)) }
        return out
    }

    /// The facet sidebar: per value a link that sets the filter and one that removes it.
    static func facetLinks(_ facets: [Facet], path: String, parameters: [(String, String?)]) -> [FacetLinks] {
        facets.filter { !$0.values.isEmpty }.map { facet in
            let key = parameter(forFacet: facet.name)
            return FacetLinks(
                label: facetLabels[facet.name] ?? facet.name,
                values: facet.values.map { value in
                    .init(
                        label: facet.name == "kind" ? (kindLabels[value.value] ?? value.value) : value.value,
                        count: value.count, active: parameters.first { $0.0 == key }?.1 == value.value,
                        url: URLBuilder.url(path, replacing(parameters, key, value.value)),
                        removeURL: URLBuilder.url(path, replacing(parameters, key, nil)))
                })
        }
    }

    /// 未找到同时包含“成立”“协会”“多久”的结果，以下结果包含“协会”“多久”.
    static func relaxationNotice(_ response: SearchResponse) -> String? {
        guard !response.relaxed.isEmpty, !response.results.isEmpty else { return nil }
        let kept = response.words.filter { !response.relaxed.contains($0) }
        func quoted(_ words: [String]) -> String { words.map { "“\($0)”" }.joined() }
        return "未找到同时包含\(quoted(response.words))的结果，以下结果包含\(quoted(kept))"
    }

    static func looksLikeQuestion(_ query: String) -> Bool {
        guard query.count >= 4 else { return false }
        let markers = ["吗", "呢", "怎么", "如何", "哪些", "什么", "多少", "多久", "是否", "能否", "可以", "需要", "?", "？"]
        return markers.contains { query.contains($0) }
    }

    /// For a Han query that found nothing, its pinyin (which the search also accepts).
    static func pinyinHint(_ query: String) -> String? {
        guard query.unicodeScalars.contains(where: { (0x4E00...0x9FFF).contains($0.value) }),
            let tokenizer = try? ChineseTokenizer(), let pinyin = tokenizer.pinyin(query)
        else { return nil }
        let compact = pinyin.replacingOccurrences(of: " ", with: "")
        return compact.isEmpty || compact == query ? nil : compact
    }
}
