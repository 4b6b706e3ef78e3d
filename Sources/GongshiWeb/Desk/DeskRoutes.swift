import Foundation
import GongshiAnswers
import GongshiDesk

/// The consultation desk on the web: login, the staff pages under /desk, their JSON twins
/// under /api/desk, and the public /consult and /faq. Every /desk and /api/desk route
/// needs a session (pages redirect to the login, the API answers 401); every POST needs
/// the session's CSRF token; admin actions answer 403 to staff. The router asks `route`
/// first and falls back to the public site when it answers nil; errors are thrown, and
/// `ErrorResponder` answers them as everywhere else.
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

    /// `site`'s pages link to this desk's public pages from here on (the router serves
    /// this copy of the site).
    public init(site: Site, desk: Desk, options: Options = Options()) {
        var site = site
        site.linkDesk(PublicDeskLinks(faq: true, consultation: options.publicQuestions))
        self.site = site
        self.desk = desk
        self.options = options
    }

    /// Paths only admins may reach (GET) and actions only admins may take (POST).
    static let adminPaths: Set<String> = [
        URLBuilder.Route.deskAudit, URLBuilder.Route.deskExport, URLBuilder.Route.apiDeskAudit,
        URLBuilder.Route.apiDeskExport,
    ]
    static let adminActions: Set<String> = ["publish", "unpublish"]
    static let staffActions: Set<String> = ["reply", "cite", "uncite", "status", "publishable"]

    func route(_ request: HTTPRequest) throws -> HTTPResponse? {
        let path = request.path
        // Made for a desk route only: this runs before every route of the site.
        var pages: DeskController { DeskController(routes: self, session: nil) }
        switch path {
        case URLBuilder.Route.faq:
            try onlyGet(request)
            return try pages.faq(request, entries: try desk.publishedFAQs())
        case URLBuilder.Route.apiFAQ:
            try onlyGet(request)
            return try DeskController.json(FAQList(entries: try desk.publishedFAQs()))
        case URLBuilder.Route.ask:
            try onlyGet(request)
            return try askPage(request)
        case URLBuilder.Route.consult: return options.publicQuestions ? try consult(request) : nil
        case URLBuilder.Route.deskLogin: return try login(request)
        default: break
        }
        if options.publicQuestions, let receipt = Router.suffix(path, after: URLBuilder.Prefix.receipt) {
            try onlyGet(request)
            guard let reply = try desk.publicReply(receipt: receipt) else {
                throw HTTPProblem.notFound("找不到该受理编号", message: "请核对受理编号（形如 20261206-48217730）。")
            }
            return try pages.receipt(request, reply)
        }
        guard
            path == URLBuilder.Route.desk || path.hasPrefix(URLBuilder.Route.desk + "/") || path == URLBuilder.Route.apiDesk
                || path.hasPrefix(URLBuilder.Route.apiDesk + "/")
        else { return nil }
        return try authenticated(request)
    }

    // MARK: - Authentication and dispatch

    func currentSession(_ request: HTTPRequest) -> DeskSession? {
        guard let id = DeskCookies.value(DeskCookies.session, in: request) else { return nil }
        return try? desk.session(id: id)
    }

    private func authenticated(_ request: HTTPRequest) throws -> HTTPResponse {
        let isAPI = request.path.hasPrefix(URLBuilder.Route.apiPrefix)
        guard let session = currentSession(request) else {
            if isAPI { throw DeskError(.unauthenticated, "请先登录") }
            return .redirect(URLBuilder.deskLogin(next: request.method == "GET" ? request.path : URLBuilder.Route.desk))
        }
        if Self.adminPaths.contains(request.path) || Self.adminActions.contains(String(request.path.split(separator: "/").last ?? "")),
            !session.account.isAdmin
        {
            throw DeskError(.forbidden, "该操作需要管理员权限")
        }
        if request.method == "POST" {
            let form = FormBody(request.body)
            let token = request.headers["x-csrf-token"] ?? form["csrf"]
            guard Self.same(token, session.csrf) else {
                throw DeskError(.forbidden, "表单已失效（缺少或错误的 CSRF 令牌），请刷新页面后重试")
            }
            return try post(request, form: form, session: session)
        }
        guard request.method == "GET" || request.method == "HEAD" else { throw methodNotAllowed(request, allow: "GET, HEAD, POST") }
        return try get(request, session: session)
    }

    private func get(_ request: HTTPRequest, session: DeskSession) throws -> HTTPResponse {
        let pages = DeskController(routes: self, session: session)
        switch request.path {
        case URLBuilder.Route.desk: return try pages.home(request)
        case URLBuilder.Route.deskNew: return try pages.intake(request, problem: nil, form: nil)
        case URLBuilder.Route.deskStatistics: return try pages.statistics(request)
        case URLBuilder.Route.deskAudit: return try pages.audit(request)
        case URLBuilder.Route.deskExport: return try pages.export(request)
        case URLBuilder.Route.apiDeskConsultations: return try pages.listJSON(request)
        case URLBuilder.Route.apiDeskStatistics: return try pages.statisticsJSON()
        case URLBuilder.Route.apiDeskAudit: return try pages.auditJSON()
        case URLBuilder.Route.apiDeskMe: return try pages.meJSON()
        default: break
        }
        let parts = request.path.split(separator: "/").map(String.init)
        if parts.count >= 2, parts[0] == "desk", let id = Int64(parts[1]) {
            if parts.count == 2 { return try pages.consultation(request, id: id) }
            if parts.count == 3, parts[2] == "print" { return try pages.printView(request, id: id) }
        }
        if parts.count == 4, parts[0] == "api", parts[2] == "consultations", let id = Int64(parts[3]) { return try pages.consultationJSON(id) }
        throw notFound(request)
    }

    private func post(_ request: HTTPRequest, form: FormBody, session: DeskSession) throws -> HTTPResponse {
        let pages = DeskController(routes: self, session: session)
        switch request.path {
        case URLBuilder.Route.deskLogout:
            try? desk.logout(session)
            return .redirect(URLBuilder.Route.deskLogin, headers: [DeskCookies.clear(DeskCookies.session, request: request)])
        case URLBuilder.Route.deskNew: return try pages.create(request, form: form)
        case URLBuilder.Route.apiDeskConsultations: return try pages.createJSON(form)
        default: break
        }
        let parts = request.path.split(separator: "/").map(String.init)
        let isAPI = parts.first == "api"
        let rest = isAPI ? Array(parts.dropFirst(2)) : Array(parts.dropFirst())
        guard rest.count == 2, isAPI ? parts[1] == "desk" && parts[2] == "consultations" : parts[0] == "desk",
            let id = Int64(isAPI ? parts[3] : rest[0])
        else {
            throw notFound(request)
        }
        let action = isAPI ? (parts.count == 5 ? parts[4] : "") : rest[1]
        guard Self.staffActions.contains(action) || Self.adminActions.contains(action) else { throw notFound(request) }
        try perform(action, id: id, form: form, account: session.account)
        if isAPI { return try pages.consultationJSON(id) }
        return .redirect(URLBuilder.deskConsultation(id, fragment: action == "cite" || action == "uncite" ? "citations" : "reply"))
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
                found =
                    reference.isEmpty
                    ? try site.answers.article(documentID: form["document"], label: form["label"])
                    : try site.answers.article(reference: reference)
            } catch { throw DeskError(.store, "检索条文失败：\(error)") }
            guard let found else {
                throw DeskError(.invalid, reference.isEmpty ? "找不到该条文" : "找不到“\(reference)”，请按“慈善法第十条”的格式输入")
            }
            try desk.addCitation(
                id,
                Citation(
                    documentID: found.documentID, documentTitle: found.documentTitle, documentStatus: found.documentStatus,
                    label: found.label, quotedText: found.text, generation: found.generation), by: account)
        case "uncite":
            try desk.removeCitation(id, documentID: form["document"], label: form["label"], by: account)
        case "status":
            var change = ConsultationUpdate()
            if let raw = form.value("status") {
                guard let status = Consultation.Status(rawValue: raw) else { throw DeskError(.invalid, "状态应为 待答复、已答复、需跟进 或 已办结") }
                change.status = status
            }
            if let tags = form.value("tags") { change.tags = DeskController.tags(tags) }
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

    private func login(_ request: HTTPRequest) throws -> HTTPResponse {
        let pages = DeskController(routes: self, session: nil)
        switch request.method {
        case "GET", "HEAD":
            if currentSession(request) != nil { return .redirect(URLBuilder.Route.desk) }
            return try pages.login(request, problem: nil)
        case "POST":
            let form = FormBody(request.body)
            guard let cookie = DeskCookies.value(DeskCookies.form, in: request), Self.same(form["csrf"], cookie) else {
                return try pages.login(request, problem: "表单已失效，请重新输入", status: 403)
            }
            do {
                let session = try desk.login(
                    name: form["name"], password: form["password"], address: address(request),
                    replacing: DeskCookies.value(DeskCookies.session, in: request))
                let next = URLBuilder.safeLocalPath(form.value("next"))
                return .redirect(
                    next.hasPrefix(URLBuilder.Route.desk) ? next : URLBuilder.Route.desk,
                    headers: [DeskCookies.set(DeskCookies.session, session.id, request: request, maxAge: Int(desk.policy.absoluteTimeout))])
            } catch  where error.kind != .store {
                let status = error.kind == .throttled ? 429 : 401
                return try pages.login(request, problem: error.message, status: status)
            }
        default:
            throw methodNotAllowed(request, allow: "GET, HEAD, POST")
        }
    }

    // MARK: - Public pages

    private func consult(_ request: HTTPRequest) throws -> HTTPResponse {
        let pages = DeskController(routes: self, session: nil)
        switch request.method {
        case "GET", "HEAD": return try pages.consultForm(request, problem: nil, form: nil)
        case "POST":
            let form = FormBody(request.body)
            guard let cookie = DeskCookies.value(DeskCookies.form, in: request), Self.same(form["csrf"], cookie) else {
                return try pages.consultForm(request, problem: "表单已失效，请重新提交", form: form, status: 403)
            }
            do {
                let receipt = try desk.submitPublic(question: form["question"], name: form["name"], contact: form["contact"], address: address(request))
                return .redirect(URLBuilder.receipt(receipt, isNew: true))
            } catch  where error.kind != .store {
                return try pages.consultForm(request, problem: error.message, form: form, status: error.kind == .throttled ? 429 : 400)
            }
        default: throw methodNotAllowed(request, allow: "GET, HEAD, POST")
        }
    }

    /// /ask with the desk's published replies that match the question shown first.
    private func askPage(_ request: HTTPRequest) throws -> HTTPResponse {
        var ask = AskController(site: site)
        // The Q&A answers without the desk: a desk that cannot be read adds nothing (and is logged).
        let entries: [PublishedFAQ]
        do { entries = try desk.publishedFAQs() } catch {
            site.logger.error("the desk's published FAQ cannot be read for /ask: \(error)")
            entries = []
        }
        ask.extraFAQ = { question in
            DeskFAQMatcher.matches(question, in: entries).map { entry in
                AskPage.FAQ(
                    question: entry.question, answer: entry.answer,
                    articles: entry.articles.map {
                        .init(document: $0.documentTitle, label: $0.label, url: URLBuilder.policy(encoding: $0.documentID))
                    })
            }
        }
        return try ask.page(request)
    }

    // MARK: - Helpers

    func address(_ request: HTTPRequest) -> String { request.clientAddress.isEmpty ? "unknown" : request.clientAddress }

    /// Comparison that takes as long for every wrong token of one length.
    static func same(_ a: String?, _ b: String) -> Bool {
        guard let a, !b.isEmpty else { return false }
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    private func onlyGet(_ request: HTTPRequest) throws {
        guard request.method == "GET" || request.method == "HEAD" else { throw methodNotAllowed(request, allow: "GET, HEAD") }
    }

    func methodNotAllowed(_ request: HTTPRequest, allow: String) -> HTTPProblem {
        HTTPProblem(
            405, "不支持的请求方法", request.path.hasPrefix(URLBuilder.Route.apiPrefix) ? "不支持的请求方法" : "该地址不支持此请求方法。",
            headers: [("Allow", allow)])
    }

    func notFound(_ request: HTTPRequest) -> HTTPProblem {
        request.path.hasPrefix(URLBuilder.Route.apiPrefix)
            ? HTTPProblem.notFound(message: "找不到该接口：\(request.path)")
            : HTTPProblem.notFound(message: "您访问的地址不存在，可能已被移除。")
    }
}

struct FAQList: Encodable {
    let entries: [PublishedFAQ]
}
