/// The error page of every status (`ErrorResponder`).
struct ErrorPage: PageModel {
    static let template = "error"

    let heading: String
    let message: String
    /// What to do next, in plain words, each with a link where one helps.
    var advice: [Step] = []

    struct Step: Encodable {
        let text: String
        /// Nil for advice without a page to go to.
        var link: String? = nil
    }

    /// The next steps for an error of `status` on `path`.
    static func advice(status: Int, path: String) -> [Step] {
        var out: [Step] = []
        if path.hasPrefix(URLBuilder.Prefix.organization) || path == URLBuilder.Route.organizations {
            out.append(.init(text: "在社会组织名录中按名称查找", link: URLBuilder.Route.organizations))
        } else if path.hasPrefix(URLBuilder.Prefix.policy) || path == URLBuilder.Route.policies {
            out.append(.init(text: "在政策法规目录中查找", link: URLBuilder.Route.policies))
        } else if path.hasPrefix(URLBuilder.Prefix.notice) {
            out.append(.init(text: "查看全部公告", link: URLBuilder.Route.notices))
        } else if path.hasPrefix(URLBuilder.Prefix.guide) {
            out.append(.init(text: "查看全部办事指南", link: URLBuilder.Route.guides))
        }
        switch status {
        case 400, 414:
            out.insert(.init(text: "检查地址或填写的内容是否完整、正确，改正后再试"), at: 0)
        case 404:
            out.insert(.init(text: "检查地址是否输错；如果是从别处复制的链接，可能已经失效"), at: 0)
        case 500...:
            out.insert(.init(text: "稍等片刻后刷新本页再试"), at: 0)
        default: break
        }
        out.append(.init(text: "用页面上方的检索框检索"))
        out.append(.init(text: "回到首页", link: URLBuilder.Route.home))
        return out
    }
}
