import Foundation
import GongshiDisclosure
import GongshiStore

/// The credit lists /credit/abnormal and /credit/serious (with their CSV export) and
/// their JSON twins.
struct CreditController {
    let site: Site

    private var directory: OrganizationDirectory { site.directory }

    /// GET /credit/{abnormal|serious}?name=&authority=&region=&year=&removed=1&page=&format=csv
    func page(_ request: HTTPRequest, kind: CreditList.Kind) throws -> HTTPResponse {
        let filter = try DisclosureParameters.creditFilter(request)
        let removed = request.query["removed"] == "1"
        let path = "/credit/\(kind.rawValue)"
        let parameters = DisclosureParameters.creditParameters(filter, removed: removed)
        if request.query["format"] == "csv" {
            return .csv(CSVExport.creditList(try directory.creditList(kind, includeRemoved: removed, filter: filter, page: nil)),
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
    }

    /// GET /api/credit/{abnormal|serious}?name=&authority=&region=&year=&removed=1&page=&limit=
    func json(_ request: HTTPRequest, kind: CreditList.Kind) throws -> HTTPResponse {
        .json(CreditListBody(try directory.creditList(kind, includeRemoved: request.query["removed"] == "1",
                                                      filter: DisclosureParameters.creditFilter(request), page: DisclosureParameters.page(request))))
    }
}
