import Foundation
import GongshiDisclosure
import GongshiStore

/// Notices: /notices, /notices/{id} and their JSON twins, and the Atom feed /notices.atom.
struct NoticeController {
    let site: Site

    private var directory: OrganizationDirectory { site.directory }

    /// GET /notices?kind=&issuer=&from=&to=&page=
    func page(_ request: HTTPRequest) throws -> HTTPResponse {
        try site.pages.render(try model(request), page: PageContext(request))
    }

    func model(_ request: HTTPRequest) throws -> NoticeListPage {
        let filter = DisclosureParameters.noticeFilter(request)
        let page = try DisclosureParameters.page(request)
        let feed = try directory.notices(filter: filter, page: page)
        let parameters = DisclosureParameters.noticeParameters(filter)
        let extra = NoticeListPage.Extra(
            kinds: Notice.kinds.map { .init(value: $0, selected: filter.kind == $0) },
            atomURL: URLBuilder.url(URLBuilder.Route.noticeFeed, [("kind", filter.kind)]), jsonURL: URLBuilder.url(URLBuilder.Route.apiNotices, parameters),
            pagination: PageLinks(
                total: feed.total, page: page.page, pageSize: page.size, maxPages: PageRequest.maxPage, path: URLBuilder.Route.notices,
                parameters: parameters))
        return NoticeListPage(feed: NoticeFeedBody(feed), extra: extra)
    }

    /// GET /notices/{id}
    func itemPage(_ request: HTTPRequest, id: String) throws -> HTTPResponse {
        try site.pages.render(try itemModel(id: id), page: PageContext(request))
    }

    func itemModel(id: String) throws -> NoticePage {
        guard let notice = try directory.notice(id: id) else {
            throw HTTPProblem.notFound("找不到该公告", message: "没有编号为“\(id)”的公告，可能已被撤回。")
        }
        let extra = NoticePage.Extra(
            paragraphs: notice.body.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
            hasOrganizations: !notice.organizations.isEmpty, kindURL: URLBuilder.component(notice.kind), idURL: URLBuilder.component(notice.id))
        return NoticePage(notice: NoticeDetailBody(notice), extra: extra)
    }

    /// GET /api/notices?kind=&issuer=&from=&to=&page=&limit=
    func json(_ request: HTTPRequest) throws -> HTTPResponse {
        .json(NoticeFeedBody(try directory.notices(filter: DisclosureParameters.noticeFilter(request), page: DisclosureParameters.page(request))))
    }

    /// GET /api/notices/{id}
    func itemJSON(id: String) throws -> HTTPResponse {
        guard let notice = try directory.notice(id: id) else { throw HTTPProblem.notFound(message: "没有编号为“\(id)”的公告") }
        return .json(NoticeDetailBody(notice))
    }

    /// /notices.atom?kind=: the 50 newest notices (of one kind) as an Atom feed.
    func atom(_ request: HTTPRequest) throws -> HTTPResponse {
        let kind = DisclosureParameters.text(request, "kind")
        let feed = try directory.notices(filter: NoticeFeed.Filter(kind: kind), page: PageRequest(page: 1, size: 50))
        let (base, host) = DisclosureParameters.baseURL(request)
        let selfPath = URLBuilder.url(URLBuilder.Route.noticeFeed, [("kind", kind)])
        let atom = AtomFeed(
            id: AtomFeed.tagURI(host: host, date: "2026", specific: "notices" + (kind.map { "/" + $0 } ?? "")),
            title: kind.map { "社会组织公告：\($0)" } ?? "社会组织公告", selfURL: base + selfPath,
            pageURL: base + URLBuilder.url(URLBuilder.Route.notices, [("kind", kind)]),
            entries: AtomFeed.entries(feed, baseURL: base, host: host), fallbackUpdated: "2026-01-01")
        return HTTPResponse(
            status: 200,
            headers: [("Content-Type", "application/atom+xml; charset=utf-8"), ("Cache-Control", "public, max-age=300")]
                + HTTPResponse.securityHeaders, body: Array(atom.render().utf8))
    }
}
