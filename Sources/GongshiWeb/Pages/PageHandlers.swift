import Foundation
import GongshiSearch
import GongshiStore

/// The HTML pages of search and the policy catalogue. Each page has a JSON twin in
/// `APIHandlers` built from the same values.
struct PageHandlers {
    let site: Site

    static let kindLabels = ["policy": "政策法规", "article": "条款", "section": "条款", "org": "社会组织", "credit": "信用记录", "notice": "公告"]
    static let facetLabels = [
        "kind": "类别", "level": "效力级别", "status": "时效", "issuer": "发布机构", "year": "发布年份",
        "org_type": "组织类型", "org_status": "登记状态", "grade": "评估等级",
    ]
    /// The query parameter that filters by a facet.
    static func parameter(forFacet name: String) -> String { name == "kind" ? "type" : name }

    // MARK: /

    func home(_ request: HTTPRequest) -> HTTPResponse {
        let page = PageContext(request)
        let overview: CatalogOverview
        do { overview = try site.catalog.overview() } catch { return errorPage(500, "服务暂时不可用", "读取索引时出错，请稍后再试。", request) }
        let c = overview.counts
        let counts: [[String: Any]] = [
            ["label": "件政策法规", "count": c.policies, "url": "/policies"],
            ["label": "个条款与章节", "count": c.articles, "url": "/policies"],
            ["label": "个社会组织", "count": c.organizations, "url": "/orgs"],
            ["label": "条信用记录", "count": c.creditRecords, "url": "/credit/abnormal"],
            ["label": "条公告", "count": c.notices, "url": "/notices"],
        ]
        let policies: [[String: Any]] = overview.recentPolicies.map { p in
            ["title": p.title, "url": URLBuilder.path(.policy(id: p.id)), "level": p.level ?? "", "status": p.status ?? "",
             "date": p.revised ?? p.promulgated ?? p.effective ?? ""]
        }
        let notices: [[String: Any]] = overview.recentNotices.map { n in
            ["title": n.title, "url": URLBuilder.path(.notice(id: n.id)), "kind": n.kind, "issuer": n.issuer, "date": n.date]
        }
        return site.pages.render("home", ["counts": counts, "policies": policies, "notices": notices], page: page)
    }

    // MARK: /search

    func search(_ request: HTTPRequest) -> HTTPResponse {
        let parsed: SearchParameters
        switch SearchParameters.parse(request) {
        case .success(let p): parsed = p
        case .failure(let problem): return errorPage(400, "请求有误", problem.message, request, query: request.query["q"] ?? "")
        }
        let page = PageContext(request, query: parsed.query)
        var context: [String: Any] = ["hasQuery": !parsed.query.isEmpty, "qURL": URLBuilder.component(parsed.query),
                                      "looksLikeQuestion": Self.looksLikeQuestion(parsed.query)]
        guard !parsed.query.isEmpty else {
            return site.pages.render("search", context, page: page)
        }
        let response: SearchResponse
        let facets: SearchFacets
        do {
            response = try site.search.search(parsed.request)
            facets = try site.search.facets(parsed.request)
        } catch {
            switch error {
            case .invalidQuery(let why): return errorPage(400, "请求有误", why, request, query: parsed.query)
            case .store: return errorPage(500, "服务暂时不可用", "检索服务暂时不可用，请稍后再试。", request, query: parsed.query)
            }
        }
        context["results"] = SearchResponseBody(response).results.map { r -> [String: Any] in
            ["title": r.title, "label": r.label ?? "", "url": r.url, "snippet": r.snippet,
             "kindLabel": Self.kindLabels[r.kind] ?? r.kind, "exact": r.score >= 1000]
        }
        context["totalText"] = response.total >= SearchEngine.recordCountLimit ? "\(response.total)+" : "\(response.total)"
        context["page"] = parsed.page > 1 ? parsed.page : nil
        context["noResults"] = response.results.isEmpty
        let base = parsed.parameters
        context["facets"] = Self.facetLinks(facets.groups, path: "/search", parameters: base)
        context["hasFacets"] = !facets.groups.isEmpty
        context["activeFilters"] = parsed.hasFilters
        context["clearURL"] = URLBuilder.url("/search", [("q", parsed.query)])
        Pagination.add(to: &context, total: response.total, page: parsed.page, pageSize: parsed.request.limit, maxPages: 100,
                       path: "/search", parameters: base)
        if response.results.isEmpty, let hint = Self.pinyinHint(parsed.query) {
            context["pinyinHint"] = hint
            context["pinyinURL"] = URLBuilder.component(hint)
        }
        return site.pages.render("search", context, page: page)
    }

    /// Parameters with `key` set to `value` (or removed), and the page reset.
    static func replacing(_ parameters: [(String, String?)], _ key: String, _ value: String?) -> [(String, String?)] {
        var out = parameters.filter { $0.0 != key && $0.0 != "page" }
        if let value { out.append((key, value)) }
        return out
    }

    /// The facet sidebar: per value a link that sets the filter and one that removes it.
    static func facetLinks(_ facets: [Facet], path: String, parameters: [(String, String?)]) -> [[String: Any]] {
        facets.filter { !$0.values.isEmpty }.map { facet -> [String: Any] in
            let key = parameter(forFacet: facet.name)
            return ["label": facetLabels[facet.name] ?? facet.name,
                    "values": facet.values.map { value -> [String: Any] in
                        ["label": facet.name == "kind" ? (kindLabels[value.value] ?? value.value) : value.value,
                         "count": value.count, "active": parameters.first { $0.0 == key }?.1 == value.value,
                         "url": URLBuilder.url(path, replacing(parameters, key, value.value)),
                         "removeURL": URLBuilder.url(path, replacing(parameters, key, nil))]
                    }]
        }
    }

    static func looksLikeQuestion(_ query: String) -> Bool {
        guard query.count >= 4 else { return false }
        let markers = ["吗", "呢", "怎么", "如何", "哪些", "什么", "多少", "多久", "是否", "能否", "可以", "需要", "?", "？"]
        return markers.contains { query.contains($0) }
    }

    /// For a Han query that found nothing, its pinyin (which the search also accepts).
    static func pinyinHint(_ query: String) -> String? {
        guard query.unicodeScalars.contains(where: { (0x4E00...0x9FFF).contains($0.value) }),
              let tokenizer = try? ChineseTokenizer(), let pinyin = tokenizer.pinyin(query) else { return nil }
        let compact = pinyin.replacingOccurrences(of: " ", with: "")
        return compact.isEmpty || compact == query ? nil : compact
    }

    // MARK: /policies

    func policies(_ request: HTTPRequest) -> HTTPResponse {
        let parsed: PolicyParameters
        switch PolicyParameters.parse(request) {
        case .success(let p): parsed = p
        case .failure(let problem): return errorPage(400, "请求有误", problem.message, request)
        }
        let list: PolicyList
        do { list = try site.catalog.list(parsed.filter, page: parsed.page, pageSize: parsed.pageSize) } catch {
            return errorPage(500, "服务暂时不可用", "读取索引时出错，请稍后再试。", request)
        }
        let base = parsed.parameters
        var context: [String: Any] = ["total": list.total, "page": (parsed.page > 1 ? parsed.page : nil) as Any,
                                      "activeFilters": parsed.hasFilters]
        context["items"] = list.items.map { p -> [String: Any] in
            ["title": p.title, "url": URLBuilder.path(.policy(id: p.id)), "docNumber": p.docNumber ?? "", "issuer": p.issuer ?? "", "promulgated": p.promulgated ?? "",
             "status": p.status ?? "", "statusClass": Self.statusClass(p.status)]
        }
        context["facets"] = Self.facetLinks(list.facets, path: "/policies", parameters: base)
        Pagination.add(to: &context, total: list.total, page: parsed.page, pageSize: list.pageSize, maxPages: 500,
                       path: "/policies", parameters: base)
        return site.pages.render("policies", context, page: PageContext(request))
    }

    static func statusClass(_ status: String?) -> String {
        switch status {
        case "现行有效": return "current"
        case "已修改": return "amended"
        case "已废止": return "repealed"
        case "尚未生效": return "pending"
        default: return "unknown"
        }
    }

    // MARK: /policies/{id}

    func policy(_ request: HTTPRequest, id: String) -> HTTPResponse {
        guard PolicyParameters.validID(id) else { return errorPage(400, "地址有误", "文件编号只能包含字母、数字和连字符。", request) }
        let document: PolicyPage?
        do { document = try site.catalog.document(id: id) } catch {
            return errorPage(500, "服务暂时不可用", "读取索引时出错，请稍后再试。", request)
        }
        guard let document else { return errorPage(404, "找不到该文件", "没有编号为“\(id)”的政策法规，可能已被移除。", request) }
        let d = document.document
        var facts: [[String: Any]] = []
        func fact(_ label: String, _ value: String?, url: String? = nil) {
            guard let value, !value.isEmpty else { return }
            facts.append(["label": label, "value": value, "url": url ?? ""])
        }
        fact("文号", d.docNumber)
        fact("发布机构", d.issuer)
        fact("效力级别", d.level)
        fact("成文/公布日期", d.promulgated)
        fact("施行日期", d.effective)
        fact("修订日期", d.revised)
        fact("时效", d.status)
        fact("公开属性", d.disclosure)
        fact("适用地区", d.region)
        if let source = d.source, source.hasPrefix("https://") || source.hasPrefix("http://") {
            fact("来源", source, url: source)
        } else {
            fact("来源", d.source)
        }
        var blocks: [[String: Any]] = []
        var toc: [[String: Any]] = []
        var chapter: String?
        for unit in document.units {
            if let c = unit.chapter, c != chapter {
                chapter = c
                let anchor = "c\(toc.count + 1)"
                toc.append(["anchor": anchor, "title": c])
                blocks.append(["chapter": c, "anchor": anchor])
            }
            let paragraphs = unit.text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            blocks.append(["unit": ["anchor": unit.anchor, "label": unit.label, "paragraphs": paragraphs]])
        }
        let preamble = document.preamble.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        var context: [String: Any] = ["title": d.title, "facts": facts, "blocks": blocks, "toc": toc, "hasToc": !toc.isEmpty,
                                      "preamble": preamble, "hasPreamble": !preamble.isEmpty]
        switch d.status {
        case "已废止":
            context["banner"] = "本文件已废止，仅供查阅，不再作为办事依据。"
            context["bannerClass"] = "repealed"
        case "已修改":
            context["banner"] = "本文件已被修改，以下为收录时的文本，请以现行有效的版本为准。"
            context["bannerClass"] = "amended"
        case "尚未生效":
            context["banner"] = "本文件尚未生效" + (d.effective.map { "，施行日期：\($0)" } ?? "") + "。"
            context["bannerClass"] = "pending"
        default: break
        }
        return site.pages.render("policy", context, page: PageContext(request))
    }

    // MARK: errors

    func errorPage(_ status: Int, _ heading: String, _ message: String, _ request: HTTPRequest, query: String = "") -> HTTPResponse {
        var page = PageContext(request, query: query)
        page.status = status
        return site.pages.render("error", ["heading": heading, "message": message], page: page)
    }
}
