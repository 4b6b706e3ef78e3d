/// The endpoints `/api/` lists for people, in Chinese, each with an example request whose
/// real response the page shows (abridged). `APIPageTests` checks that every path of the
/// OpenAPI document is here and that every example answers 200 with JSON.
enum APIReference {
    struct Parameter: Encodable, Sendable {
        let name: String
        let description: String
    }

    struct Endpoint: Sendable {
        let method: String
        /// The OpenAPI path, with {placeholders}.
        let path: String
        let title: String
        let description: String
        /// The HTML page with the same data, if any.
        let page: String?
        let parameters: [Parameter]
        /// A GET request whose response the page shows; nil for staff-only and POST endpoints.
        let example: String?
        let note: String?

        init(
            _ path: String, _ title: String, _ description: String, method: String = "GET", page: String? = nil,
            parameters: [(String, String)] = [], example: String? = nil, note: String? = nil
        ) {
            self.method = method
            self.path = path
            self.title = title
            self.description = description
            self.page = page
            self.parameters = parameters.map { Parameter(name: $0.0, description: $0.1) }
            self.example = example
            self.note = note
        }

        /// The fragment id of its section on the page.
        var anchor: String {
            "api-" + (method + path).lowercased().map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
        }
    }

    static let page = ("page", "页码，从 1 开始，至多 100")
    static let limit = ("limit", "每页条数（默认 20，至多 100）")
    static let staff = "需要登录咨询台（工作人员账号），请求须带会话 Cookie；POST 请求还须带表单中的 csrf 字段。"

    static let endpoints: [Endpoint] = [
        Endpoint(
            "/api/search", "全站检索", "政策法规、条文、社会组织、信用记录和公告合在一个按相关度排列的列表里。", page: "/search",
            parameters: [
                ("q", "检索词：词语、文号、统一社会信用代码或拼音"), ("type", "只看一类：policy、article、org、credit、notice"),
                page, limit, ("level, issuer, status, year", "政策法规的效力级别、发布机构、时效、年份"),
                ("org_type, org_status, grade", "社会组织的类型、登记状态、评估等级"), ("facets", "为 1 时附带各筛选项的数量"),
            ],
            example: "/api/search?q=%E7%A4%BE%E4%BC%9A%E5%9B%A2%E4%BD%93&limit=2"),
        Endpoint(
            "/api/policies", "政策法规目录", "全部政策法规及各筛选项的数量。", page: "/policies",
            parameters: [
                ("level, issuer, status, year, kind", "效力级别、发布机构、时效、发布年份、类别（regulation 或 policy）"),
                page, limit,
            ],
            example: "/api/policies?limit=2"),
        Endpoint(
            "/api/policies/{id}", "一部政策法规", "文件的公开目录信息、章节和每一条（第X条）或每一节的全文。", page: "/policies/{id}",
            parameters: [("id", "文件编号（页面地址的最后一段）")], example: "/api/policies/shetuan-dengji-tiaoli"),
        Endpoint(
            "/api/ask", "政策问答", "用一句话提问，返回回答它的法规条文原文、出处和引用格式。", page: "/ask",
            parameters: [("q", "问题，例如：成立社会团体需要什么条件"), ("limit", "至多返回几条（默认 5）")],
            example: "/api/ask?q=%E6%88%90%E7%AB%8B%E7%A4%BE%E4%BC%9A%E5%9B%A2%E4%BD%93%E9%9C%80%E8%A6%81%E4%BB%80%E4%B9%88%E6%9D%A1%E4%BB%B6&limit=1"),
        Endpoint(
            "/api/guides", "办事指南目录", "成立、变更、注销登记和年度检查的办事指南；可按词查找。", page: "/guides",
            parameters: [("q", "查找的词，例如：社团 注销")], example: "/api/guides?q=%E6%B3%A8%E9%94%80"),
        Endpoint(
            "/api/guides/{id}", "一份办事指南", "办理条件、流程、申请材料、时限、收费和办理机关，每一项附法规依据（文件、条、版本和原文）。",
            page: "/guides/{id}", parameters: [("id", "指南编号")], example: "/api/guides/shetuan-chengli"),
        Endpoint(
            "/api/orgs", "社会组织名录", "按名称和条件查找社会组织，附各筛选项的数量。", page: "/orgs",
            parameters: [
                ("name", "名称中的词"), ("type, status, credit_status, grade", "类型、登记状态、信用状况、评估等级"),
                ("authority, region, year, center_level", "登记管理机关、区域、成立年份、服务中心级别"),
                page, limit,
            ],
            example: "/api/orgs?limit=2"),
        Endpoint(
            "/api/orgs/{code}", "一个社会组织", "基本信息、登记状态提示、评估等级和有效期、年检结果、信用记录、相关公告和适用法规。", page: "/orgs/{code}",
            parameters: [("code", "18 位统一社会信用代码")], example: nil, note: "示例见社会组织名录中任一组织的“本页数据（JSON）”链接。"),
        Endpoint(
            "/api/orgs/{code}/center", "服务中心建设标准对照", "服务中心类组织对照本区政策逐条的结果（达标、未达标、未知、不适用）及原文。",
            page: "/orgs/{code}#center", parameters: [("code", "18 位统一社会信用代码")]),
        Endpoint(
            "/api/suggest", "名称联想", "输入名称的开头或其中的词，返回可能的组织名称及其登记和信用状况。",
            parameters: [("q", "名称的开头或其中的词"), ("limit", "至多几条（默认 8）")],
            example: "/api/suggest?q=%E5%8D%8F%E4%BC%9A&limit=2"),
        Endpoint(
            "/api/credit/{list}", "信用公示名单", "活动异常名录（abnormal）或严重违法失信名单（serious）：默认只列当前在列的记录。",
            page: "/credit/abnormal",
            parameters: [
                ("list", "abnormal 或 serious"), ("name, authority, region, year", "名称、决定机关、区域、列入年份"),
                ("removed", "为 1 时包括已移出的记录"), page, limit,
            ],
            example: "/api/credit/abnormal?limit=2"),
        Endpoint(
            "/api/notices", "公告", "登记、年检、评估、处罚等公告，最新的在前。", page: "/notices",
            parameters: [("kind", "公告类别"), ("issuer", "发布机关"), ("from, to", "起止日期 YYYY-MM-DD"), page, limit],
            example: "/api/notices?limit=2"),
        Endpoint("/api/notices/{id}", "一条公告", "公告全文和涉及的社会组织。", page: "/notices/{id}", parameters: [("id", "公告编号")]),
        Endpoint("/api/stats", "统计", "按类型、成立年份、评估等级、信用状况统计的组织数和每月公告数。", page: "/stats", example: "/api/stats"),
        Endpoint("/api/faq", "常见问题", "咨询台发布的常见问题和答复（启用咨询台时才有）。", page: "/faq", example: "/api/faq"),
        Endpoint("/healthz", "运行状态", "服务是否正常、索引版本和各类数据的数量（负载均衡器检查用）。", example: "/healthz"),
        Endpoint("/api/desk/me", "当前账号", "登录咨询台的账号。", note: staff),
        Endpoint(
            "/api/desk/consultations", "咨询记录列表", "工作人员查看咨询记录。",
            parameters: [("q", "问题或答复中须全部出现的词"), ("mine, open, overdue", "只看自己的、未办结的、超期的")], note: staff),
        Endpoint("/api/desk/consultations", "登记一条咨询", "工作人员记录来电、来访或网上咨询。", method: "POST", note: staff),
        Endpoint("/api/desk/consultations/{id}", "一条咨询", "咨询、答复和所引用的条文。", parameters: [("id", "咨询编号")], note: staff),
        Endpoint("/api/desk/consultations/{id}/reply", "保存答复", "保存答复文字。", method: "POST", parameters: [("id", "咨询编号")], note: staff),
        Endpoint("/api/desk/consultations/{id}/cite", "引用条文", "把一条法规条文按现行文本加入答复的依据。", method: "POST", parameters: [("id", "咨询编号")], note: staff),
        Endpoint("/api/desk/consultations/{id}/uncite", "取消引用", "从答复的依据中去掉一条。", method: "POST", parameters: [("id", "咨询编号")], note: staff),
        Endpoint("/api/desk/consultations/{id}/status", "更改状态", "更改办理状态、标签和经办人。", method: "POST", parameters: [("id", "咨询编号")], note: staff),
        Endpoint(
            "/api/desk/consultations/{id}/publishable", "允许查询答复", "允许咨询人凭回执在 /consult/{回执号} 查看答复。", method: "POST",
            parameters: [("id", "咨询编号")], note: staff),
        Endpoint("/api/desk/consultations/{id}/publish", "发布为常见问题", "管理员把答复发布为常见问题。", method: "POST", parameters: [("id", "咨询编号")], note: staff),
        Endpoint("/api/desk/consultations/{id}/unpublish", "撤下常见问题", "管理员撤下已发布的常见问题。", method: "POST", parameters: [("id", "咨询编号")], note: staff),
        Endpoint("/api/desk/stats", "咨询统计", "按渠道、状态、标签和月份统计咨询数。", note: staff),
        Endpoint("/api/desk/audit", "操作记录", "咨询台的操作记录，最新的在前（管理员）。", note: staff),
    ]
}
