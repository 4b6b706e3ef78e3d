import GongshiDisclosure

/// 办事指南: /guides (with a word search), /guides/{id} (a printable checklist) and their
/// JSON twins.
struct GuideController {
    let site: Site

    static let maxQuery = 256

    static func query(_ request: HTTPRequest) throws -> String {
        let q = (request.query["q"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard q.count <= maxQuery else { throw HTTPProblem.badRequest("查找的词过长（最多 \(maxQuery) 字），请缩短后再试。") }
        return q
    }

    /// GET /guides?q=
    func page(_ request: HTTPRequest) throws -> HTTPResponse {
        try site.pages.render(try model(query: try Self.query(request)), page: PageContext(request))
    }

    func model(query: String) throws -> GuideListPage {
        let guides = try site.guides.search(query).map(GuideListBody.Item.init)
        var order: [String] = []
        for g in guides where !order.contains(g.organizationType) { order.append(g.organizationType) }
        let groups = order.enumerated().map { i, type in
            GuideListPage.Group(index: i + 1, type: type, guides: guides.filter { $0.organizationType == type })
        }
        return GuideListPage(
            q: query, qURL: URLBuilder.component(query), hasQuery: !query.isEmpty, count: guides.count, groups: groups,
            jsonURL: URLBuilder.url(URLBuilder.Route.apiGuides, [("q", query)]))
    }

    /// GET /api/guides?q=
    func json(_ request: HTTPRequest) throws -> HTTPResponse {
        let query = try Self.query(request)
        return .json(GuideListBody(query: query, guides: try site.guides.search(query)))
    }

    /// GET /guides/{id}
    func itemPage(_ request: HTTPRequest, id: String) throws -> HTTPResponse {
        try site.pages.render(try itemModel(id: id), page: PageContext(request))
    }

    func itemModel(id: String) throws -> GuidePage {
        let body = GuideBody(try detail(id))
        return GuidePage(
            title: body.guide.title, summary: body.guide.summary,
            parts: body.parts.enumerated().map { .init(index: $0.offset + 1, section: $0.element.section, entries: $0.element.entries) },
            printURL: URLBuilder.guide(id) + "?print=1", jsonURL: URLBuilder.guide(id, api: true))
    }

    /// GET /api/guides/{id}
    func itemJSON(id: String) throws -> HTTPResponse { .json(GuideBody(try detail(id))) }

    private func detail(_ id: String) throws -> GuideDetail {
        guard id.utf8.count <= 100, let detail = try site.guides.guide(id: id) else {
            throw HTTPProblem.notFound("找不到该办事指南", message: "没有编号为“\(id.prefix(100))”的办事指南。请在办事指南目录中查找。")
        }
        return detail
    }
}
