import GongshiSearch

/// The home page: how much the site holds, the newest documents and notices.
struct HomeController {
    let site: Site

    /// GET /
    func page(_ request: HTTPRequest) throws -> HTTPResponse {
        try site.pages.render(try model(), page: PageContext(request))
    }

    func model() throws -> HomePage {
        let overview = try site.catalog.overview()
        let c = overview.counts
        return HomePage(
            counts: [
                .init(label: "件政策法规", count: c.policies, url: URLBuilder.Route.policies),
                .init(label: "个条款与章节", count: c.articles, url: URLBuilder.Route.policies),
                .init(label: "个社会组织", count: c.organizations, url: URLBuilder.Route.organizations),
                .init(label: "条信用记录", count: c.creditRecords, url: URLBuilder.Route.creditAbnormal),
                .init(label: "条公告", count: c.notices, url: URLBuilder.Route.notices),
            ],
            guides: try site.guides.list().filter { $0.topic == "成立登记" }.map { .init(title: $0.title, url: URLBuilder.guide($0.id)) },
            policies: overview.recentPolicies.map { p in
                .init(
                    title: p.title, url: URLBuilder.path(.policy(id: p.id)), level: p.level ?? "", status: p.status ?? "",
                    date: p.revised ?? p.promulgated ?? p.effective ?? "")
            },
            notices: overview.recentNotices.map { n in
                .init(title: n.title, url: URLBuilder.path(.notice(id: n.id)), kind: n.kind, issuer: n.issuer, date: n.date)
            })
    }
}
