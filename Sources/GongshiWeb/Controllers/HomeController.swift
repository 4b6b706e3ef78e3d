import GongshiSearch

/// The home page: how much the site holds, the newest documents and notices.
struct HomeController {
    let site: Site

    /// GET /
    func page(_ request: HTTPRequest) throws -> HTTPResponse {
        let page = PageContext(request)
        let overview = try site.catalog.overview()
        let c = overview.counts
        let counts: [[String: Any]] = [
            ["label": "件政策法规", "count": c.policies, "url": "/policies"],
            ["label": "个条款与章节", "count": c.articles, "url": "/policies"],
            ["label": "个社会组织", "count": c.organizations, "url": "/orgs"],
            ["label": "条信用记录", "count": c.creditRecords, "url": "/credit/abnormal"],
            ["label": "条公告", "count": c.notices, "url": "/notices"],
        ]
        let policies: [[String: Any]] = overview.recentPolicies.map { p in
            ["title": p.title, "url": URLBuilder.path(.policy(id: p.id)), "level": p.level ?? "", "status": p.status ?? "",
             "date": p.revised ?? p.promulgated ?? p.effective ?? ""]
        }
        let notices: [[String: Any]] = overview.recentNotices.map { n in
            ["title": n.title, "url": URLBuilder.path(.notice(id: n.id)), "kind": n.kind, "issuer": n.issuer, "date": n.date]
        }
        return site.pages.render("home", ["counts": counts, "policies": policies, "notices": notices], page: page)
    }
}
