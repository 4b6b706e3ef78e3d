import Foundation
import GongshiAnswers
import GongshiDesk

/// The consultation desk on the web: login, the staff pages under /desk, their JSON twins
/// under /api/desk, and the public /consult and /faq. Every /desk and /api/desk route
/// needs a session (pages redirect to the login, the API answers 401); every POST needs
/// the session's CSRF token; admin actions answer 403 to staff. The router asks `route`
/// first and falls back to the public site when it answers nil.
public struct DeskRoutes: Sendable {
    public struct Options: Sendable {
        /// `/consult` open to citizens (on by default).
        public var publicQuestions = true
        /// Where the published FAQ is written as question–article pairs for the next index run.
        public var qaPairsFile: String?

        public init() {}
    }

    let site: Site
    public let desk: Desk
    let options: Options

    public init(site: Site, desk: Desk, options: Options = Options()) {
        self.site = site
        self.desk = desk
        self.options = options
    }

    /// Paths only admins may reach (GET) and actions only admins may take (POST).
    static let adminPaths: Set<String> = ["/desk/audit", "/desk/export.csv", "/api/desk/audit", "/api/desk/export.csv"]
    static let adminActions: Set<String> = ["publish", "unpublish"]
    static let staffActions: Set<String> = ["reply", "cite", "uncite", "status", "publishable"]

    func route(_ request: HTTPRequest) -> HTTPResponse? {
        let path = request.path
        switch path {
        case "/faq": return onlyGet(request) ?? faqPage(request)
        case "/api/faq": return onlyGet(request) ?? DeskAPI.json(FAQList(entries: (try? desk.publishedFAQs()) ?? []))
        case "/ask": return onlyGet(request) ?? askPage(request)
        case "/consult": return options.publicQuestions ? consult(request) : nil
        case "/desk/login": return login(request)
        default: break
        }
        if options.publicQuestions, let receipt = Router.suffix(path, after: "/consult/") {
            return onlyGet(request) ?? receiptPage(request, receipt: receipt)
        }
        guard path == "/desk" || path.hasPrefix("/desk/") || path == "/api/desk" || path.hasPrefix("/api/desk/") else { return nil }
        return authenticated(request)
    }

    // MARK: - Authentication and dispatch

    func currentSession(_ request: HTTPRequest) -> DeskSession? {
        guard let id = DeskCookies.value(DeskCookies.session, in: request) else { return nil }
        return try? desk.session(id: id)
    }

    private func authenticated(_ request: HTTPRequest) -> HTTPResponse {
        let isAPI = request.path.hasPrefix("/api/")
        guard let session = currentSession(request) else {
            if isAPI { return .jsonError(401, "请先登录") }
            let next = request.method == "GET" ? request.path : "/desk"
            return .redirect("/desk/login?next=\(URLBuilder.component(next))")
        }
        if Self.adminPaths.contains(request.path) || Self.adminActions.contains(String(request.path.split(separator: "/").last ?? "")),
           !session.account.isAdmin {
            return failure(DeskError(.forbidden, "该操作需要管理员权限"), request)
        }
        if request.method == "POST" {
            let form = FormBody(request.body)
            let token = request.headers["x-csrf-token"] ?? form["csrf"]
            guard Self.same(token, session.csrf) else {
                return failure(DeskError(.forbidden, "表单已失效（缺少或错误的 CSRF 令牌），请刷新页面后重试"), request)
            }
            return post(request, form: form, session: session)
        }
        guard request.method == "GET" || request.method == "HEAD" else { return methodNotAllowed(request, allow: "GET, HEAD, POST") }
        return get(request, session: session)
    }

    private func get(_ request: HTTPRequest, session: DeskSession) -> HTTPResponse {
        let pages = DeskPages(routes: self, session: session)
        let api = DeskAPI(routes: self, session: session)
        switch request.path {
        case "/desk": return pages.home(request)
        case "/desk/new": return pages.intake(request, problem: nil, form: nil)
        case "/desk/stats": return pages.statistics(request)
        case "/desk/audit": return pages.audit(request)
        case "/desk/export.csv": return pages.export(request)
        case "/api/desk/consultations": return api.list(request)
        case "/api/desk/stats": return api.statistics()
        case "/api/desk/audit": return api.audit()
        case "/api/desk/me": return DeskAPI.json(["name": session.account.name, "role": session.account.role.rawValue, "csrf": session.csrf])
        default: break
        }
        let parts = request.path.split(separator: "/").map(String.init)
        if parts.count >= 2, parts[0] == "desk", let id = Int64(parts[1]) {
            if parts.count == 2 { return pages.consultation(request, id: id) }
            if parts.count == 3, parts[2] == "print" { return pages.printView(request, id: id) }
        }
        if parts.count == 4, parts[0] == "api", parts[2] == "consultations", let id = Int64(parts[3]) { return api.consultation(id) }
        return notFound(request)
    }

    private func post(_ request: HTTPRequest, form: FormBody, session: DeskSession) -> HTTPResponse {
        let pages = DeskPages(routes: self, session: session)
        switch request.path {
        case "/desk/logout":
            try? desk.logout(session)
            return .redirect("/desk/login", headers: [DeskCookies.clear(DeskCookies.session, request: request)])
        case "/desk/new": return pages.create(request, form: form)
        case "/api/desk/consultations": return DeskAPI(routes: self, session: session).create(form)
        default: break
        }
        let parts = request.path.split(separator: "/").map(String.init)
        let isAPI = parts.first == "api"
        let rest = isAPI ? Array(parts.dropFirst(2)) : Array(parts.dropFirst())
        guard rest.count == 2, isAPI ? parts[1] == "desk" && parts[2] == "consultations" : parts[0] == "desk",
              let id = Int64(isAPI ? parts[3] : rest[0]) else {
            return notFound(request)
        }
        let action = isAPI ? (parts.count == 5 ? parts[4] : "") : rest[1]
        guard Self.staffActions.contains(action) || Self.adminActions.contains(action) else { return notFound(request) }
        do {
            try perform(action, id: id, form: form, account: session.account)
        } catch {
            return failure(error, request)
        }
        if isAPI { return DeskAPI(routes: self, session: session).consultation(id) }
        return .redirect("/desk/\(id)#\(action == "cite" || action == "uncite" ? "citations" : "reply")")
    }

    /// One action on consultation `id`, shared by the page forms and the API.
    func perform(_ action: String, id: Int64, form: FormBody, account: Account) throws(DeskError) {
        switch action {
        case "reply":
            try desk.saveReply(id, text: form["reply"], by: account)
        case "cite":
            let reference = form["ref"].trimmingCharacters(in: .whitespaces)
            let found: ArticleText?
            do {
                found = reference.isEmpty ? try site.answers.article(documentID: form["document"], label: form["label"])
                                          : try site.answers.article(reference: reference)
            } catch { throw DeskError(.store, "检索条文失败：\(error)") }
            guard let found else {
                throw DeskError(.invalid, reference.isEmpty ? "找不到该条文" : "找不到“\(reference)”，请按“慈善法第十条”的格式输入")
            }
            try desk.addCitation(id, Citation(documentID: found.documentID, documentTitle: found.documentTitle, documentStatus: found.documentStatus,
                                              label: found.label, quotedText: found.text, generation: found.generation), by: account)
        case "uncite":
            try desk.removeCitation(id, documentID: form["document"], label: form["label"], by: account)
        case "status":
            var change = ConsultationUpdate()
            if let raw = form.value("status") {
                guard let status = Consultation.Status(rawValue: raw) else { throw DeskError(.invalid, "状态应为 待答复、已答复、需跟进 或 已办结") }
                change.status = status
            }
            if let tags = form.value("tags") { change.tags = DeskPages.tags(tags) }
            if let assignee = form.value("assignee"), !assignee.isEmpty {
                guard let found = try desk.accounts().first(where: { $0.name == assignee && !$0.disabled }) else {
                    throw DeskError(.invalid, "承办人不存在或已停用：\(assignee)")
                }
                change.assigneeID = .some(found.id)
            }
            try desk.update(id, change, by: account)
        case "publishable":
            try desk.setPublishable(id, form["publishable"] == "1", by: account)
        case "publish":
            try desk.publishFAQ(id, question: form.value("question"), by: account)
            writePairs()
        case "unpublish":
            try desk.unpublishFAQ(id, by: account)
            writePairs()
        default:
            throw DeskError(.notFound, "没有该操作")
        }
    }

    /// The pairs file follows every publish and unpublish; a failure to write it is
    /// reported on the terminal by the next `desk` command, never loses the FAQ itself.
    private func writePairs() {
        guard let file = options.qaPairsFile else { return }
        try? desk.writeQAPairs(to: file)
    }

    // MARK: - Login

    private func login(_ request: HTTPRequest) -> HTTPResponse {
        let pages = DeskPages(routes: self, session: nil)
        switch request.method {
        case "GET", "HEAD":
            if currentSession(request) != nil { return .redirect("/desk") }
            return pages.login(request, problem: nil)
        case "POST":
            let form = FormBody(request.body)
            guard let cookie = DeskCookies.value(DeskCookies.form, in: request), Self.same(form["csrf"], cookie) else {
                return pages.login(request, problem: "表单已失效，请重新输入", status: 403)
            }
            do {
                let session = try desk.login(name: form["name"], password: form["password"], address: address(request),
                                             replacing: DeskCookies.value(DeskCookies.session, in: request))
                let next = URLBuilder.safeLocalPath(form.value("next"))
                return .redirect(next.hasPrefix("/desk") ? next : "/desk",
                                 headers: [DeskCookies.set(DeskCookies.session, session.id, request: request, maxAge: Int(desk.policy.absoluteTimeout))])
            } catch {
                let status = error.kind == .throttled ? 429 : 401
                return pages.login(request, problem: error.message, status: status)
            }
        default:
            return methodNotAllowed(request, allow: "GET, HEAD, POST")
        }
    }

    // MARK: - Public pages

    private func consult(_ request: HTTPRequest) -> HTTPResponse {
        let pages = DeskPages(routes: self, session: nil)
        switch request.method {
        case "GET", "HEAD": return pages.consultForm(request, problem: nil, form: nil)
        case "POST":
            let form = FormBody(request.body)
            guard let cookie = DeskCookies.value(DeskCookies.form, in: request), Self.same(form["csrf"], cookie) else {
                return pages.consultForm(request, problem: "表单已失效，请重新提交", form: form, status: 403)
            }
            do {
                let receipt = try desk.submitPublic(question: form["question"], name: form["name"], contact: form["contact"], address: address(request))
                return .redirect("/consult/\(receipt)?new=1")
            } catch {
                return pages.consultForm(request, problem: error.message, form: form, status: error.kind == .throttled ? 429 : 400)
            }
        default: return methodNotAllowed(request, allow: "GET, HEAD, POST")
        }
    }

    private func receiptPage(_ request: HTTPRequest, receipt: String) -> HTTPResponse {
        guard let reply = try? desk.publicReply(receipt: receipt) else {
            return PageHandlers(site: site).errorPage(404, "找不到该受理编号", "请核对受理编号（形如 20261206-48217730）。", request)
        }
        return DeskPages(routes: self, session: nil).receipt(request, reply)
    }

    private func faqPage(_ request: HTTPRequest) -> HTTPResponse {
        DeskPages(routes: self, session: nil).faq(request, entries: (try? desk.publishedFAQs()) ?? [])
    }

    private func askPage(_ request: HTTPRequest) -> HTTPResponse {
        let question = (request.query["q"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var page = AskPage(site: site)
        if !question.isEmpty {
            page.extraFAQ = DeskFAQMatcher.matches(question, in: (try? desk.publishedFAQs()) ?? []).map { entry in
                ["question": entry.question, "answer": entry.answer,
                 "articles": entry.articles.map { ["document": $0.documentTitle, "label": $0.label,
                                                   "url": "/policies/\(URLBuilder.component($0.documentID))"] }] as [String: Any]
            }
        }
        return page.page(request)
    }

    // MARK: - Helpers

    func address(_ request: HTTPRequest) -> String { request.clientAddress.isEmpty ? "unknown" : request.clientAddress }

    /// Comparison that takes as long for every wrong token of one length.
    static func same(_ a: String?, _ b: String) -> Bool {
        guard let a, !b.isEmpty else { return false }
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    private func onlyGet(_ request: HTTPRequest) -> HTTPResponse? {
        request.method == "GET" || request.method == "HEAD" ? nil : methodNotAllowed(request, allow: "GET, HEAD")
    }

    func methodNotAllowed(_ request: HTTPRequest, allow: String) -> HTTPResponse {
        var response = request.path.hasPrefix("/api/") ? HTTPResponse.jsonError(405, "不支持的请求方法")
            : PageHandlers(site: site).errorPage(405, "不支持的请求方法", "该地址不支持此请求方法。", request)
        response.headers.append(("Allow", allow))
        return response
    }

    func notFound(_ request: HTTPRequest) -> HTTPResponse {
        request.path.hasPrefix("/api/") ? .jsonError(404, "找不到该接口：\(request.path)")
            : PageHandlers(site: site).errorPage(404, "找不到该页面", "您访问的地址不存在，可能已被移除。", request)
    }

    func failure(_ error: DeskError, _ request: HTTPRequest) -> HTTPResponse {
        let status: Int
        switch error.kind {
        case .unauthenticated: status = 401
        case .forbidden: status = 403
        case .invalid: status = 400
        case .notFound: status = 404
        case .throttled: status = 429
        case .store: status = 500
        }
        let message = status == 500 ? "咨询台暂时不可用，请稍后再试" : error.message
        if request.path.hasPrefix("/api/") { return .jsonError(status, message) }
        let heading = [401: "请先登录", 403: "无权进行该操作", 400: "提交有误", 404: "找不到", 429: "操作过于频繁", 500: "服务暂时不可用"][status] ?? "出错了"
        return PageHandlers(site: site).errorPage(status, heading, message, request)
    }
}

struct FAQList: Encodable {
    let entries: [PublishedFAQ]
}
