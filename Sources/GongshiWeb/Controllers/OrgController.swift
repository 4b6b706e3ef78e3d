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
        let filter = try DisclosureParameters.organizationFilter(request)
        let parameters = DisclosureParameters.organizationParameters(filter)
        if request.query["format"] == "csv" {
            return .csv(CSVExport.organizations(try directory.exportOrganizations(filter: filter)), name: "orgs")
        }
        let page = try DisclosureParameters.page(request)
        let result = try directory.search(filter: filter, page: page)
        var context = TemplateData.from(OrganizationListBody(result))
        let selected: [String: String?] = ["type": filter.type, "status": filter.status, "credit_status": filter.creditStatus?.rawValue,
                                           "grade": filter.grade, "region": filter.region, "authority": filter.authority]
        let facets: [(String, String, [FacetCount])] = [
            ("type", "组织类型", result.facets.type), ("status", "登记状态", result.facets.status),
            ("credit_status", "信用状况", result.facets.creditStatus), ("grade", "评估等级", result.facets.grade),
            ("region", "所属区域", result.facets.region), ("authority", "登记管理机关", result.facets.authority),
        ]
        context["selects"] = facets.map { param, label, values -> [String: Any] in
            ["param": param, "label": label, "options": values.map { value -> [String: Any] in
                ["value": value.value, "label": value.label, "count": value.count, "selected": selected[param] == value.value]
            }]
        }
        context["pageLabel"] = page.page > 1 ? page.page : nil
        context["csvURL"] = URLBuilder.url("/orgs", parameters + [("format", "csv")])
        context["jsonURL"] = URLBuilder.url("/api/orgs", parameters + [("page", page.page > 1 ? "\(page.page)" : nil)])
        Pagination.add(to: &context, total: result.total, page: page.page, pageSize: page.size, maxPages: PageRequest.maxPage, path: "/orgs", parameters: parameters)
        return site.pages.render("orgs", context, page: PageContext(request))
    }

    /// GET /api/orgs?name=&type=&status=&credit_status=&grade=&authority=&region=&year=&center_level=&page=&limit=
    func json(_ request: HTTPRequest) throws -> HTTPResponse {
        .json(OrganizationListBody(try directory.search(filter: DisclosureParameters.organizationFilter(request), page: DisclosureParameters.page(request))))
    }

    /// GET /orgs/{code}
    func itemPage(_ request: HTTPRequest, code: String) throws -> HTTPResponse {
        let found: OrganizationProfile?
        do { found = try directory.profile(code: code) } catch {
            if case .invalidParameter = error {
                throw HTTPProblem(400, "代码格式有误", "\(error.message)。统一社会信用代码由 18 位数字或大写字母组成。")
            }
            throw error
        }
        guard let profile = found else {
            throw HTTPProblem.notFound("找不到该社会组织", message: "没有统一社会信用代码为 \(code) 的社会组织。请核对代码，或按名称查询。")
        }
        var context = TemplateData.from(OrganizationProfileBody(profile))
        if profile.serviceCenter != nil, let report = try directory.serviceCenterReport(code: profile.code) {
            var center = context["service_center"] as? [String: Any] ?? [:]
            center["report"] = (TemplateData.from(ServiceCenterReportBody(report))["results"] as? [Any]) ?? []
            context["service_center"] = center
        }
        context["hasInspections"] = !profile.inspections.isEmpty
        let credit = context["credit"] as? [String: Any] ?? [:]
        context["creditSections"] = [("abnormal", "活动异常名录"), ("serious", "严重违法失信名单")].map { key, title -> [String: Any] in
            let listing = credit[key] as? [String: Any] ?? [:]
            let entries = (listing["current"] as? [Any] ?? []) + (listing["removed"] as? [Any] ?? [])
            return ["title": title, "entries": entries, "hasEntries": !entries.isEmpty]
        }
        context["hasPenalties"] = !profile.credit.penalties.isEmpty
        return site.pages.render("org", context, page: PageContext(request))
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
