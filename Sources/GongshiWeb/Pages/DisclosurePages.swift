import Foundation
import GongshiSearch
import GongshiDisclosure
import GongshiStore

/// The transparency pages: organizations, credit lists, notices, statistics, feeds and
/// the sitemap. Each page reads the same value its JSON twin (`DisclosureAPI`) returns.
struct DisclosurePages {
    let site: Site

    private var directory: OrganizationDirectory { site.directory }
    private var handlers: PageHandlers { PageHandlers(site: site) }

    func failure(_ error: DisclosureError, _ request: HTTPRequest) -> HTTPResponse {
        switch error {
        case .invalidParameter: return handlers.errorPage(400, "请求有误", error.message, request)
        case .store: return handlers.errorPage(500, "服务暂时不可用", "读取数据时出错，请稍后再试。", request)
        }
    }

    // MARK: /orgs

    func organizations(_ request: HTTPRequest) -> HTTPResponse {
        do {
            let filter = try DisclosureParameters.organizationFilter(request)
            let parameters = DisclosureParameters.organizationParameters(filter)
            if request.query["format"] == "csv" {
                return DisclosureAPI.csv(CSVExport.organizations(try directory.exportOrganizations(filter: filter)), name: "orgs")
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
        } catch {
            return failure(error, request)
        }
    }

    // MARK: /orgs/{code}

    func organization(_ request: HTTPRequest, code: String) -> HTTPResponse {
        do {
            guard let profile = try directory.profile(code: code) else {
                return handlers.errorPage(404, "找不到该社会组织", "没有统一社会信用代码为 \(code) 的社会组织。请核对代码，或按名称查询。", request)
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
        } catch {
            if case .invalidParameter = error {
                return handlers.errorPage(400, "代码格式有误", "\(error.message)。统一社会信用代码由 18 位数字或大写字母组成。", request)
            }
            return failure(error, request)
        }
    }

    // MARK: /credit/abnormal, /credit/serious

    func credit(_ request: HTTPRequest, kind: CreditList.Kind) -> HTTPResponse {
        do {
            let filter = try DisclosureParameters.creditFilter(request)
            let removed = request.query["removed"] == "1"
            let path = "/credit/\(kind.rawValue)"
            let parameters = DisclosureParameters.creditParameters(filter, removed: removed)
            if request.query["format"] == "csv" {
                return DisclosureAPI.csv(CSVExport.creditList(try directory.creditList(kind, includeRemoved: removed, filter: filter, page: nil)),
                                         name: "credit-\(kind.rawValue)")
            }
            let page = try DisclosureParameters.page(request)
            let list = try directory.creditList(kind, includeRemoved: removed, filter: filter, page: page)
            var context = TemplateData.from(CreditListBody(list))
            context["path"] = path
            context["isAbnormal"] = kind == .abnormal
            context["isSerious"] = kind == .serious
            context["csvURL"] = URLBuilder.url(path, parameters + [("format", "csv")])
            context["jsonURL"] = URLBuilder.url("/api" + path, parameters)
            Pagination.add(to: &context, total: list.total, page: page.page, pageSize: page.size, maxPages: PageRequest.maxPage, path: path, parameters: parameters)
            return site.pages.render("credit", context, page: PageContext(request))
        } catch {
            return failure(error, request)
        }
    }

    // MARK: /notices

    func notices(_ request: HTTPRequest) -> HTTPResponse {
        do {
            let filter = DisclosureParameters.noticeFilter(request)
            let page = try DisclosureParameters.page(request)
            let feed = try directory.notices(filter: filter, page: page)
            let parameters = DisclosureParameters.noticeParameters(filter)
            var context = TemplateData.from(NoticeFeedBody(feed))
            context["kinds"] = Notice.kinds.map { ["value": $0, "selected": filter.kind == $0] }
            context["atomURL"] = URLBuilder.url("/notices.atom", [("kind", filter.kind)])
            context["jsonURL"] = URLBuilder.url("/api/notices", parameters)
            Pagination.add(to: &context, total: feed.total, page: page.page, pageSize: page.size, maxPages: PageRequest.maxPage, path: "/notices", parameters: parameters)
            return site.pages.render("notices", context, page: PageContext(request))
        } catch {
            return failure(error, request)
        }
    }

    func notice(_ request: HTTPRequest, id: String) -> HTTPResponse {
        do {
            guard let notice = try directory.notice(id: id) else {
                return handlers.errorPage(404, "找不到该公告", "没有编号为“\(id)”的公告，可能已被撤回。", request)
            }
            var context = TemplateData.from(NoticeDetailBody(notice))
            context["paragraphs"] = notice.body.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            context["hasOrganizations"] = !notice.organizations.isEmpty
            context["kindURL"] = URLBuilder.component(notice.kind)
            context["idURL"] = URLBuilder.component(notice.id)
            return site.pages.render("notice", context, page: PageContext(request))
        } catch {
            return failure(error, request)
        }
    }

    /// /notices.atom?kind=: the 50 newest notices (of one kind) as an Atom feed.
    func atom(_ request: HTTPRequest) -> HTTPResponse {
        let kind = DisclosureParameters.text(request, "kind")
        do {
            let feed = try directory.notices(filter: NoticeFeed.Filter(kind: kind), page: PageRequest(page: 1, size: 50))
            let (base, host) = DisclosureParameters.baseURL(request)
            let selfPath = URLBuilder.url("/notices.atom", [("kind", kind)])
            let atom = AtomFeed(id: AtomFeed.tagURI(host: host, date: "2026", specific: "notices" + (kind.map { "/" + $0 } ?? "")),
                                title: kind.map { "社会组织公告：\($0)" } ?? "社会组织公告", selfURL: base + selfPath,
                                pageURL: base + URLBuilder.url("/notices", [("kind", kind)]),
                                entries: AtomFeed.entries(feed, baseURL: base, host: host), fallbackUpdated: "2026-01-01")
            return HTTPResponse(status: 200, headers: [("Content-Type", "application/atom+xml; charset=utf-8"), ("Cache-Control", "public, max-age=300")]
                                + HTTPResponse.securityHeaders, body: Array(atom.render().utf8))
        } catch {
            return DisclosureAPI.failure(error)
        }
    }

    // MARK: /stats

    func statistics(_ request: HTTPRequest) -> HTTPResponse {
        do {
            let stats = try directory.statistics()
            var context = TemplateData.from(stats)
            func data(_ counts: [FacetCount]) -> [SVGChart.Datum] { counts.map { SVGChart.Datum($0.label, $0.count) } }
            let charts: [(String, String, String, String, Bool, [SVGChart.Datum])] = [
                ("by-type", "按组织类型", "组织类型", "个", false, data(stats.byType)),
                ("by-year", "按成立登记年份", "年份", "个", true, stats.byFoundedYear.map { SVGChart.Datum("\($0.year)", $0.count) }),
                ("grades", "评估等级分布", "评估等级", "个", false, data(stats.grades)),
                ("credit", "信用状况", "信用状况", "个", false, data(stats.creditStatus)),
                ("notices", "每月公告数", "月份", "条", true, stats.noticesPerMonth.map { SVGChart.Datum($0.month, $0.count) }),
            ]
            context["charts"] = charts.map { id, title, header, _, line, values -> [String: Any] in
                ["id": id, "title": title,
                 "svg": line ? SVGChart.line(id: id, title: title, data: values) : SVGChart.bars(id: id, title: title, data: values),
                 "table": SVGChart.table(caption: title, labelHeader: header, data: values)]
            }
            return site.pages.render("stats", context, page: PageContext(request))
        } catch {
            return failure(error, request)
        }
    }

    // MARK: /sitemap.xml, /robots.txt

    /// One sitemap while the site has at most 50,000 URLs, else an index of
    /// /sitemap-{n}.xml files (n = 0: pages and policies, n ≥ 1: organizations).
    func sitemap(_ request: HTTPRequest, part: Int?) -> HTTPResponse {
        do {
            let (base, _) = DisclosureParameters.baseURL(request)
            let count = try directory.organizationCount()
            let fixed = Sitemap.fixedPaths.map { Sitemap.Entry(base + $0) }
                + (try directory.policyDocuments()).map { Sitemap.Entry(base + URLBuilder.Prefix.policy + URLBuilder.component($0.id), lastModified: $0.updated) }
            let xml: String
            if fixed.count + count <= Sitemap.maxURLs, part == nil {
                let orgs = try directory.organizationCodes(offset: 0, limit: count).map { Sitemap.Entry(base + URLBuilder.path(.organization(code: $0))) }
                xml = Sitemap.urlset(fixed + orgs)
            } else if let part {
                guard part >= 0, part <= Sitemap.organizationFiles(count: count) else {
                    return handlers.errorPage(404, "找不到该页面", "没有这个站点地图文件。", request)
                }
                xml = part == 0 ? Sitemap.urlset(fixed)
                    : Sitemap.urlset(try directory.organizationCodes(offset: (part - 1) * Sitemap.maxURLs, limit: Sitemap.maxURLs)
                        .map { Sitemap.Entry(base + URLBuilder.path(.organization(code: $0))) })
            } else {
                xml = Sitemap.index((0...Sitemap.organizationFiles(count: count)).map { Sitemap.Entry("\(base)/sitemap-\($0).xml") })
            }
            return HTTPResponse(status: 200, headers: [("Content-Type", "application/xml; charset=utf-8"), ("Cache-Control", "public, max-age=3600")]
                                + HTTPResponse.securityHeaders, body: Array(xml.utf8))
        } catch {
            return failure(error, request)
        }
    }

    func robots(_ request: HTTPRequest) -> HTTPResponse {
        let (base, _) = DisclosureParameters.baseURL(request)
        return HTTPResponse(status: 200, headers: [("Content-Type", "text/plain; charset=utf-8")] + HTTPResponse.securityHeaders,
                            body: Array(Sitemap.robotsTxt(sitemapURL: base + "/sitemap.xml").utf8))
    }
}
