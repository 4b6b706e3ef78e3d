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
        if request.query["format"] == "csv" {
            let filter = try DisclosureParameters.creditFilter(request)
            return .csv(
                CSVExport.creditList(try directory.creditList(kind, includeRemoved: request.query["removed"] == "1", filter: filter, page: nil)),
                name: "credit-\(kind.rawValue)")
        }
        return try site.pages.render(try model(request, kind: kind), page: PageContext(request))
    }

    func model(_ request: HTTPRequest, kind: CreditList.Kind) throws -> CreditListPage {
        let filter = try DisclosureParameters.creditFilter(request)
        let removed = request.query["removed"] == "1"
        let path = URLBuilder.Route.credit(kind.rawValue)
        let parameters = DisclosureParameters.creditParameters(filter, removed: removed)
        let page = try DisclosureParameters.page(request)
        let list = try directory.creditList(kind, includeRemoved: removed, filter: filter, page: page)
        var extra = CreditListPage.Extra(
            path: path, isAbnormal: kind == .abnormal, isSerious: kind == .serious,
            csvURL: URLBuilder.url(path, parameters + [("format", "csv")]),
            jsonURL: URLBuilder.url(URLBuilder.Route.credit(kind.rawValue, api: true), parameters),
            pagination: PageLinks(
                total: list.total, page: page.page, pageSize: page.size, maxPages: PageRequest.maxPage, path: path,
                parameters: parameters))
        if list.items.isEmpty, let name = filter.name, !name.isEmpty {
            extra.nameNotFound = .init(
                name: name, searchURL: URLBuilder.url(URLBuilder.Route.search, [("q", name)]),
                orgsURL: URLBuilder.url(URLBuilder.Route.organizations, [("name", name)]))
        }
        return CreditListPage(list: CreditListBody(list), extra: extra)
    }

    /// GET /api/credit/{abnormal|serious}?name=&authority=&region=&year=&removed=1&page=&limit=
    func json(_ request: HTTPRequest, kind: CreditList.Kind) throws -> HTTPResponse {
        .json(
            CreditListBody(
                try directory.creditList(
                    kind, includeRemoved: request.query["removed"] == "1",
                    filter: DisclosureParameters.creditFilter(request), page: DisclosureParameters.page(request))))
    }
}
