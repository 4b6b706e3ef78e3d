import Foundation
import GongshiDisclosure
import GongshiStore

/// /sitemap.xml (and its parts /sitemap-{n}.xml) and /robots.txt.
struct SitemapController {
    let site: Site

    private var directory: OrganizationDirectory { site.directory }

    /// One sitemap while the site has at most 50,000 URLs, else an index of
    /// /sitemap-{n}.xml files (n = 0: pages and policies, n ≥ 1: organizations).
    func sitemap(_ request: HTTPRequest, part: Int?) throws -> HTTPResponse {
        let (base, _) = DisclosureParameters.baseURL(request)
        let count = try directory.organizationCount()
        let fixed =
            Sitemap.fixedPaths.map { Sitemap.Entry(base + $0) }
            + (try directory.policyDocuments()).map { Sitemap.Entry(base + URLBuilder.Prefix.policy + URLBuilder.component($0.id), lastModified: $0.updated) }
        let xml: String
        if fixed.count + count <= Sitemap.maxURLs, part == nil {
            let orgs = try directory.organizationCodes(offset: 0, limit: count).map { Sitemap.Entry(base + URLBuilder.path(.organization(code: $0))) }
            xml = Sitemap.urlset(fixed + orgs)
        } else if let part {
            guard part >= 0, part <= Sitemap.organizationFiles(count: count) else {
                throw HTTPProblem.notFound(message: "没有这个站点地图文件。")
            }
            xml =
                part == 0
                ? Sitemap.urlset(fixed)
                : Sitemap.urlset(
                    try directory.organizationCodes(offset: (part - 1) * Sitemap.maxURLs, limit: Sitemap.maxURLs)
                        .map { Sitemap.Entry(base + URLBuilder.path(.organization(code: $0))) })
        } else {
            xml = Sitemap.index((0...Sitemap.organizationFiles(count: count)).map { Sitemap.Entry("\(base)/sitemap-\($0).xml") })
        }
        return HTTPResponse(
            status: 200,
            headers: [("Content-Type", "application/xml; charset=utf-8"), ("Cache-Control", "public, max-age=3600")]
                + HTTPResponse.securityHeaders, body: Array(xml.utf8))
    }

    /// GET /robots.txt
    func robots(_ request: HTTPRequest) -> HTTPResponse {
        let (base, _) = DisclosureParameters.baseURL(request)
        return HTTPResponse(
            status: 200, headers: [("Content-Type", "text/plain; charset=utf-8")] + HTTPResponse.securityHeaders,
            body: Array(Sitemap.robotsTxt(sitemapURL: base + URLBuilder.Route.sitemap).utf8))
    }
}
