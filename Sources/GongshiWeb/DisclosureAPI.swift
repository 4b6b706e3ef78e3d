import Foundation
import GongshiSearch
import GongshiDisclosure
import GongshiStore

/// The JSON twins of the transparency pages, plus /api/suggest.
struct DisclosureAPI {
    let site: Site

    private var directory: OrganizationDirectory { site.directory }

    static func failure(_ error: DisclosureError) -> HTTPResponse {
        switch error {
        case .invalidParameter: return .jsonError(400, error.message)
        case .store: return .jsonError(500, "读取数据时出错")
        }
    }

    static func csv(_ text: String, name: String) -> HTTPResponse {
        HTTPResponse(status: 200, headers: [("Content-Type", CSVExport.contentType),
                                            ("Content-Disposition", "attachment; filename=\"\(name).csv\"")] + HTTPResponse.securityHeaders,
                     body: Array(text.utf8))
    }

    /// GET /api/orgs?name=&type=&status=&credit_status=&grade=&authority=&region=&year=&center_level=&page=&limit=
    func organizations(_ request: HTTPRequest) -> HTTPResponse {
        do {
            return .json(OrganizationListBody(try directory.search(filter: DisclosureParameters.organizationFilter(request), page: DisclosureParameters.page(request))))
        } catch { return Self.failure(error) }
    }

    /// GET /api/orgs/{code}
    func organization(code: String) -> HTTPResponse {
        do {
            guard let profile = try directory.profile(code: code) else { return .jsonError(404, "没有统一社会信用代码为 \(code) 的社会组织") }
            return .json(OrganizationProfileBody(profile))
        } catch { return Self.failure(error) }
    }

    /// GET /api/orgs/{code}/center
    func serviceCenter(code: String) -> HTTPResponse {
        do {
            guard let report = try directory.serviceCenterReport(code: code) else { return .jsonError(404, "\(code) 不是已登记的社会组织服务中心") }
            return .json(ServiceCenterReportBody(report))
        } catch { return Self.failure(error) }
    }

    /// GET /api/suggest?q=&limit=: names for the search box, a few milliseconds each.
    func suggest(_ request: HTTPRequest) -> HTTPResponse {
        let prefix = DisclosureParameters.text(request, "q") ?? ""
        guard !prefix.isEmpty else { return .jsonError(400, "缺少参数 q") }
        guard prefix.count <= 64 else { return .jsonError(400, "q 过长（最多 64 个字符）") }
        guard let limit = Int(request.query["limit"] ?? "10"), (1...20).contains(limit) else { return .jsonError(400, "limit 应在 1 到 20 之间") }
        do {
            return .json(SuggestBody(query: prefix, suggestions: try directory.suggest(prefix: prefix, limit: limit)))
        } catch { return Self.failure(error) }
    }

    /// GET /api/credit/{abnormal|serious}?name=&authority=&region=&year=&removed=1&page=&limit=
    func credit(_ request: HTTPRequest, kind: CreditList.Kind) -> HTTPResponse {
        do {
            return .json(CreditListBody(try directory.creditList(kind, includeRemoved: request.query["removed"] == "1",
                                                                filter: DisclosureParameters.creditFilter(request), page: DisclosureParameters.page(request))))
        } catch { return Self.failure(error) }
    }

    /// GET /api/notices?kind=&issuer=&from=&to=&page=&limit=
    func notices(_ request: HTTPRequest) -> HTTPResponse {
        do {
            return .json(NoticeFeedBody(try directory.notices(filter: DisclosureParameters.noticeFilter(request), page: DisclosureParameters.page(request))))
        } catch { return Self.failure(error) }
    }

    /// GET /api/notices/{id}
    func notice(id: String) -> HTTPResponse {
        do {
            guard let notice = try directory.notice(id: id) else { return .jsonError(404, "没有编号为“\(id)”的公告") }
            return .json(NoticeDetailBody(notice))
        } catch { return Self.failure(error) }
    }

    /// GET /api/stats
    func statistics() -> HTTPResponse {
        do { return .json(try directory.statistics()) } catch { return Self.failure(error) }
    }
}
