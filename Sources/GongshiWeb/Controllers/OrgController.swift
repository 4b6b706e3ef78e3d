import Foundation
import GongshiDisclosure
import GongshiStore

/// Organizations: /orgs (with its CSV export) and /orgs/{code}, their JSON twins, the
/// service-center report /api/orgs/{code}/center and the name autocomplete /api/suggest.
struct OrgController {
    let site: Site

    private var directory: OrganizationDirectory { site.directory }

    /// GET /orgs?name=&type=&status=&credit_status=&grade=&authority=&region=&year=&center_level=&page=&format=csv
    func page(_ request: HTTPRequest) throws -> HTTPResponse {
        if request.query["format"] == "csv" {
            let filter = try DisclosureParameters.organizationFilter(request)
            return .csv(CSVExport.organizations(try directory.exportOrganizations(filter: filter)), name: "orgs")
        }
        return try site.pages.render(try model(request), page: PageContext(request))
    }

    func model(_ request: HTTPRequest) throws -> OrganizationListPage {
        let filter = try DisclosureParameters.organizationFilter(request)
        let parameters = DisclosureParameters.organizationParameters(filter)
        let page = try DisclosureParameters.page(request)
        let result = try directory.search(filter: filter, page: page)
        let selected: [String: String?] = [
            "type": filter.type, "status": filter.status, "credit_status": filter.creditStatus?.rawValue,
            "grade": filter.grade, "region": filter.region, "authority": filter.authority,
        ]
        let facets: [(String, String, [FacetCount])] = [
            ("type", "组织类型", result.facets.type), ("status", "登记状态", result.facets.status),
            ("credit_status", "信用状况", result.facets.creditStatus), ("grade", "评估等级", result.facets.grade),
            ("region", "所属区域", result.facets.region), ("authority", "登记管理机关", result.facets.authority),
        ]
        let extra = OrganizationListPage.Extra(
            selects: facets.map { param, label, values in
                .init(
                    param: param, label: label,
                    options: values.map { value in
                        .init(value: value.value, label: value.label, count: value.count, selected: selected[param] == value.value)
                    })
            },
            pageLabel: page.page > 1 ? page.page : nil,
            csvURL: URLBuilder.url(URLBuilder.Route.organizations, parameters + [("format", "csv")]),
            jsonURL: URLBuilder.url(URLBuilder.Route.apiOrganizations, parameters + [("page", page.page > 1 ? "\(page.page)" : nil)]),
            pagination: PageLinks(
                total: result.total, page: page.page, pageSize: page.size, maxPages: PageRequest.maxPage, path: URLBuilder.Route.organizations,
                parameters: parameters))
        return OrganizationListPage(list: OrganizationListBody(result), extra: extra)
    }

    /// GET /api/orgs?name=&type=&status=&credit_status=&grade=&authority=&region=&year=&center_level=&page=&limit=
    func json(_ request: HTTPRequest) throws -> HTTPResponse {
        .json(OrganizationListBody(try directory.search(filter: DisclosureParameters.organizationFilter(request), page: DisclosureParameters.page(request))))
    }

    /// GET /orgs/{code}
    func itemPage(_ request: HTTPRequest, code: String) throws -> HTTPResponse {
        try site.pages.render(try itemModel(code: code), page: PageContext(request))
    }

    func itemModel(code: String) throws -> OrganizationPage {
        let found: OrganizationProfile?
        do { found = try directory.profile(code: code) } catch {
            if case .invalidParameter(_, let message) = error {
                throw HTTPProblem(400, "统一社会信用代码有误", "\(message)。统一社会信用代码由 18 位数字或大写字母组成，印在登记证书上；不知道代码时，可以在社会组织名录中按名称查找。")
            }
            throw error
        }
        guard let profile = found else {
            throw HTTPProblem.notFound("找不到该社会组织", message: "没有统一社会信用代码为 \(code) 的社会组织。请核对代码，或按名称查询。")
        }
        let report = profile.serviceCenter != nil ? try directory.serviceCenterReport(code: profile.code) : nil
        let credit = profile.credit
        let extra = OrganizationPage.Extra(
            hasInspections: !profile.inspections.isEmpty,
            creditSections: [("活动异常名录", credit.abnormal), ("严重违法失信名单", credit.serious)].map { title, listing in
                let entries = listing.current + listing.removed
                return .init(title: title, entries: entries, hasEntries: !entries.isEmpty)
            },
            hasPenalties: !credit.penalties.isEmpty)
        return OrganizationPage(profile: OrganizationProfileBody(profile, report: report), extra: extra)
    }

    /// GET /api/orgs/{code}
    func itemJSON(code: String) throws -> HTTPResponse {
        guard let profile = try directory.profile(code: code) else { throw HTTPProblem.notFound(message: "没有统一社会信用代码为 \(code) 的社会组织") }
        return .json(OrganizationProfileBody(profile))
    }

    /// /orgs/{code}/center: the report is a section of the organization's page.
    func centerPage(code: String) -> HTTPResponse {
        .redirect(URLBuilder.Prefix.organization + URLBuilder.component(code) + "#" + URLBuilder.Prefix.centerFragment, status: 301)
    }

    /// GET /api/orgs/{code}/center
    func centerJSON(code: String) throws -> HTTPResponse {
        guard let report = try directory.serviceCenterReport(code: code) else { throw HTTPProblem.notFound(message: "\(code) 不是已登记的社会组织服务中心") }
        return .json(ServiceCenterReportBody(report))
    }

    /// GET /api/suggest?q=&limit=: names for the search box, a few milliseconds each.
    func suggestJSON(_ request: HTTPRequest) throws -> HTTPResponse {
        let prefix = DisclosureParameters.text(request, "q") ?? ""
        guard !prefix.isEmpty else { throw HTTPProblem.badRequest("缺少参数 q") }
        guard prefix.count <= 64 else { throw HTTPProblem.badRequest("q 过长（最多 64 个字符）") }
        guard let limit = Int(request.query["limit"] ?? "10"), (1...20).contains(limit) else { throw HTTPProblem.badRequest("limit 应在 1 到 20 之间") }
        return .json(SuggestBody(query: prefix, suggestions: try directory.suggest(prefix: prefix, limit: limit)))
    }
}
