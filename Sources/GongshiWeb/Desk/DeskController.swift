import Foundation
import GongshiAnswers
import GongshiDesk

/// The desk's pages and their JSON twins under /api/desk. Staff pages carry the
/// enquirer's personal data and so are never cached (Cache-Control: no-store); public
/// pages never show it. Errors are thrown: `ErrorResponder` answers them.
struct DeskController {
    let routes: DeskRoutes
    let session: DeskSession?

    var desk: Desk { routes.desk }
    var site: Site { routes.site }

    static let dateFormat: DateFormatter = {
        let f = DateFormatter()
        f.dateFormat = "yyyy-MM-dd HH:mm"
        f.timeZone = TimeZone(identifier: "Asia/Shanghai")
        f.locale = Locale(identifier: "zh_CN")
        return f
    }()

    static func date(_ d: Date) -> String { dateFormat.string(from: d) }

    static func tags(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "," || $0 == "，" || $0 == "、" || $0 == " " }).map(String.init)
    }

    /// Nil for "": Mustache opens a `{{#name}}` section for an empty string.
    static func nonEmpty(_ text: String?) -> String? { text?.isEmpty == false ? text : nil }

    /// A page, inside the desk's navigation when someone is signed in.
    private func render<Model: PageModel>(
        _ model: Model, _ request: HTTPRequest, status: Int = 200, printView: Bool = false,
        headers: [(String, String)] = []
    ) throws -> HTTPResponse {
        var page = PageContext(request)
        page.status = status
        if printView { page.printView = true }
        var response: HTTPResponse
        if let session {
            let staff = StaffPage<Model>.Staff(
                account: session.account.name, roleLabel: session.account.role.label,
                isAdmin: session.account.isAdmin, csrf: session.csrf)
            response = try site.pages.render(StaffPage(body: model, staff: staff), page: page)
            response.headers = response.headers.map { $0.0 == "Cache-Control" ? ("Cache-Control", "no-store") : $0 }
        } else {
            response = try site.pages.render(model, page: page)
        }
        response.headers.append(contentsOf: headers)
        return response
    }

    /// JSON with snake_case names and ISO 8601 times, as the rest of the API writes them;
    /// never cached (it carries personal data).
    static func json<T: Encodable>(_ value: T, status: Int = 200) throws -> HTTPResponse {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        let data: Data
        do { data = try encoder.encode(value) } catch { throw WebError("cannot encode the desk's JSON: \(error)") }
        var response = HTTPResponse.json(encoded: Array(data), status: status)
        response.headers = response.headers.map { $0.0 == "Cache-Control" ? ("Cache-Control", "no-store") : $0 }
        if response.header("Cache-Control") == nil { response.headers.append(("Cache-Control", "no-store")) }
        return response
    }

    /// The signed-in account, for pages that need one.
    private func account() throws -> Account {
        guard let session else { throw HTTPProblem.notFound(message: "您访问的地址不存在，可能已被移除。") }
        return session.account
    }

    /// A form token for pages without a session (login, /consult): the one the browser
    /// already has, or a new one set as a cookie.
    private func formToken(_ request: HTTPRequest) -> (token: String, headers: [(String, String)]) {
        if let token = DeskCookies.value(DeskCookies.form, in: request), token.utf8.count == 64,
            token.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) })
        {
            return (token, [])
        }
        let token = Self.randomHex()
        return (token, [DeskCookies.set(DeskCookies.form, token, request: request, maxAge: 86_400)])
    }

    static func randomHex() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    // MARK: - Login

    func login(_ request: HTTPRequest, problem: String?, status: Int = 200) throws -> HTTPResponse {
        let (token, headers) = formToken(request)
        let next = FormBody(request.body).value("next") ?? request.query["next"] ?? URLBuilder.Route.desk
        return try render(
            DeskLoginPage(formToken: token, problem: problem, next: URLBuilder.safeLocalPath(next)), request, status: status,
            headers: headers)
    }

    // MARK: - Work views

    /// GET /desk?q=
    func home(_ request: HTTPRequest) throws -> HTTPResponse {
        try render(try homeModel(request), request)
    }

    func homeModel(_ request: HTTPRequest) throws -> DeskHomePage {
        let account = try account()
        let text = String((request.query["q"] ?? "").prefix(100))
        var mine = ConsultationQuery()
        mine.assigneeID = account.id
        mine.openOnly = true
        var overdue = ConsultationQuery()
        overdue.overdueOnly = true
        var model = DeskHomePage(
            mine: try desk.consultations(mine).map(row), overdue: try desk.consultations(overdue).map(row),
            overdueDays: desk.policy.overdueWorkingDays, text: text)
        if !text.isEmpty {
            var search = ConsultationQuery()
            search.text = text
            model.results = try desk.consultations(search).map(row)
            model.searched = true
        }
        return model
    }

    private func row(_ c: Consultation) -> DeskHomePage.Row {
        DeskHomePage.Row(
            id: c.id, channel: c.channel.rawValue, received: Self.date(c.receivedAt), question: String(c.question.prefix(80)),
            status: c.status.rawValue, assignee: Self.nonEmpty(c.assigneeName), overdue: desk.isOverdue(c),
            tags: Self.nonEmpty(c.tags.joined(separator: "、")))
    }

    /// GET /api/desk/consultations?q=&open=1&overdue=1&mine=1
    func listJSON(_ request: HTTPRequest) throws -> HTTPResponse {
        let account = try account()
        var query = ConsultationQuery()
        query.text = String((request.query["q"] ?? "").prefix(100))
        query.openOnly = request.query["open"] == "1"
        query.overdueOnly = request.query["overdue"] == "1"
        if request.query["mine"] == "1" { query.assigneeID = account.id }
        return try Self.json(["consultations": try desk.consultations(query)])
    }

    /// GET /api/desk/me
    func meJSON() throws -> HTTPResponse {
        let account = try account()
        return try Self.json(["name": account.name, "role": account.role.rawValue, "csrf": session?.csrf ?? ""])
    }

    // MARK: - Intake

    /// GET /desk/new, and the form again with its problem after a failed POST.
    func intake(_ request: HTTPRequest, problem: String?, form: FormBody?, status: Int = 200) throws -> HTTPResponse {
        try render(intakeModel(problem: problem, form: form), request, status: status)
    }

    func intakeModel(problem: String?, form: FormBody?) -> DeskNewPage {
        let channel = form?.value("channel") ?? Consultation.Channel.phone.rawValue
        return DeskNewPage(
            problem: problem, channels: Consultation.Channel.allCases.map { .init(value: $0.rawValue, checked: $0.rawValue == channel) },
            received: form?.value("received") ?? Self.inputDate(Date()), question: form?["question"] ?? "", name: form?["name"] ?? "",
            contact: form?["contact"] ?? "", org: form?["org"] ?? "", orgName: form?["org_name"] ?? "", tags: form?["tags"] ?? "",
            maxQuestion: Desk.maxQuestionCharacters)
    }

    static func inputDate(_ d: Date) -> String {
        let f = DateFormatter()
        f.dateFormat = "yyyy-MM-dd'T'HH:mm"
        f.timeZone = TimeZone(identifier: "Asia/Shanghai")
        return f.string(from: d)
    }

    static func parseInputDate(_ text: String) -> Date? {
        let f = DateFormatter()
        f.dateFormat = "yyyy-MM-dd'T'HH:mm"
        f.timeZone = TimeZone(identifier: "Asia/Shanghai")
        return f.date(from: text)
    }

    /// POST /desk/new: a bad field shows the form again with its problem.
    func create(_ request: HTTPRequest, form: FormBody) throws -> HTTPResponse {
        let account = try account()
        do {
            let id = try Self.create(form, desk: desk, account: account, site: site)
            return .redirect(URLBuilder.deskConsultation(id))
        } catch  where error.kind != .store {
            return try intake(request, problem: error.message, form: form, status: 400)
        }
    }

    /// POST /api/desk/consultations: 201 with the consultation.
    func createJSON(_ form: FormBody) throws -> HTTPResponse {
        let id = try Self.create(form, desk: desk, account: try account(), site: site)
        var response = try Self.json(try desk.consultation(id), status: 201)
        response.headers.append(("Location", URLBuilder.apiDeskConsultation(id)))
        return response
    }

    /// The intake form's fields into a consultation (shared with the API).
    static func create(_ form: FormBody, desk: Desk, account: Account, site: Site) throws(DeskError) -> Int64 {
        guard let channel = Consultation.Channel(rawValue: form["channel"]) else {
            throw DeskError(.invalid, "请选择咨询渠道（电话、窗口、网上或信函）")
        }
        let received = form["received"].isEmpty ? Date() : parseInputDate(form["received"])
        guard let received else { throw DeskError(.invalid, "受理时间格式应为 2026-12-06T09:30") }
        var draft = ConsultationDraft(channel: channel, receivedAt: received, question: form["question"])
        draft.enquirerName = form["name"]
        draft.enquirerContact = form["contact"]
        // The organization field takes a credit code, or a name picked from the suggestions.
        let org = form["org"].trimmingCharacters(in: .whitespaces)
        if org.count == 18, org.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
            draft.organizationCode = org
            draft.organizationName = form["org_name"]
        } else if !org.isEmpty {
            // A name picked from the suggestions (/api/suggest): keep its code when it names one organization.
            draft.organizationName = org
            if let match = try? site.directory.suggest(prefix: org, limit: 5).first(where: { $0.name == org }) {
                draft.organizationCode = match.code
            }
        }
        draft.tags = tags(form["tags"])
        return try desk.create(draft, by: account)
    }

    // MARK: - One consultation

    /// GET /desk/{id}
    func consultation(_ request: HTTPRequest, id: Int64) throws -> HTTPResponse {
        try render(try consultationModel(id: id), request)
    }

    func consultationModel(id: Int64) throws -> DeskConsultationPage {
        let c = try desk.consultation(id)
        let cited = Set(c.citations.map { "\($0.documentID)|\($0.label)" })
        let suggestions = (try? site.answers.answer(c.question, limit: 6))?.answers ?? []
        return DeskConsultationPage(
            id: c.id, channel: c.channel.rawValue, received: Self.date(c.receivedAt), question: c.question,
            name: Self.nonEmpty(c.enquirerName), contact: Self.nonEmpty(c.enquirerContact), org: Self.nonEmpty(c.organizationCode),
            orgName: Self.nonEmpty(c.organizationName), tags: Self.nonEmpty(c.tags.joined(separator: "、")), tagsInput: c.tags.joined(separator: ","),
            status: c.status.rawValue, statuses: Consultation.Status.allCases.map { .init(value: $0.rawValue, selected: $0 == c.status) },
            assignee: Self.nonEmpty(c.assigneeName), receipt: Self.nonEmpty(c.receipt), publishable: c.publishable,
            assignees: try desk.accounts().filter { !$0.disabled }.map { .init(name: $0.name, selected: $0.id == c.assigneeID) },
            reply: c.reply, faq: c.publishedAsFAQ, overdue: desk.isOverdue(c),
            citations: c.citations.map {
                .init(
                    document: $0.documentID, label: $0.label, title: $0.documentTitle, text: $0.quotedText, generation: $0.generation,
                    status: $0.documentStatus ?? "未注明")
            },
            suggestions: suggestions.map { answer in
                let label = answer.article?.label ?? answer.section?.label ?? ""
                return .init(
                    document: answer.document.id, label: label, title: answer.document.title, url: URLBuilder.path(answer.ref),
                    highlight: HTMLText.marked(answer.highlight), citation: answer.citation, current: answer.current,
                    added: cited.contains("\(answer.document.id)|\(label)"))
            })
    }

    /// GET /api/desk/consultations/{id}
    func consultationJSON(_ id: Int64) throws -> HTTPResponse { try Self.json(try desk.consultation(id)) }

    /// GET /desk/{id}/print
    func printView(_ request: HTTPRequest, id: Int64) throws -> HTTPResponse {
        try render(try printModel(id: id), request, printView: true)
    }

    func printModel(id: Int64) throws -> DeskPrintPage {
        let c = try desk.consultation(id)
        let full = c.citations.map {
            CitationFormatter.citation(title: $0.documentTitle, label: $0.label, text: $0.quotedText, status: $0.documentStatus)
        }
        return DeskPrintPage(
            id: c.id, received: Self.date(c.receivedAt), question: c.question, reply: c.reply,
            citations: zip(c.citations, full).map { citation, text in
                .init(full: text, version: "引用时状态：\(citation.documentStatus ?? "未注明")；索引第 \(citation.generation) 版")
            },
            copyText: ([c.reply] + full).filter { !$0.isEmpty }.joined(separator: "\n"), printed: Self.date(Date()))
    }

    // MARK: - Reports

    /// GET /desk/stats: counts as SVG charts drawn on the server (as on /stats), each with its data table.
    func statistics(_ request: HTTPRequest) throws -> HTTPResponse {
        try render(try statisticsModel(), request)
    }

    func statisticsModel() throws -> DeskStatsPage {
        let stats = try desk.statistics()
        func chart(_ id: String, _ title: String, _ counts: [DeskStatistics.Count], line: Bool = false) -> StatisticsPage.Chart {
            let data = counts.map { SVGChart.Datum($0.key, $0.count) }
            return .init(
                id: id, title: title,
                svg: line && data.count > 1 ? SVGChart.line(id: id, title: title, data: data) : SVGChart.bars(id: id, title: title, data: data),
                table: SVGChart.table(caption: title, labelHeader: "类别", data: data))
        }
        return DeskStatsPage(
            total: stats.total,
            charts: [
                chart("desk-channel", "按渠道", stats.byChannel), chart("desk-status", "按状态", stats.byStatus),
                chart("desk-tag", "按主题标签", stats.byTag), chart("desk-month", "按月份", stats.byMonth, line: true),
            ])
    }

    /// GET /api/desk/stats
    func statisticsJSON() throws -> HTTPResponse { try Self.json(try desk.statistics()) }

    /// GET /desk/audit (admins)
    func audit(_ request: HTTPRequest) throws -> HTTPResponse {
        try render(try auditModel(), request)
    }

    func auditModel() throws -> DeskAuditPage {
        let entries = try desk.auditTrail(limit: 500, by: try account())
        return DeskAuditPage(
            entries: entries.map {
                .init(at: Self.date($0.at), actor: $0.actor, action: $0.action, target: $0.target, before: $0.before ?? "", after: $0.after ?? "")
            })
    }

    /// GET /api/desk/audit (admins)
    func auditJSON() throws -> HTTPResponse { try Self.json(["entries": try desk.auditTrail(limit: 500, by: try account())]) }

    /// GET /desk/export.csv (admins): without personal data.
    func export(_ request: HTTPRequest) throws -> HTTPResponse {
        let rows = try desk.export(by: try account())
        let csv = CSVExport.render(
            header: ["编号", "渠道", "受理时间", "问题", "统一社会信用代码", "标签", "状态", "承办人", "答复", "引用"],
            rows: rows.map {
                [
                    "\($0.id)", $0.channel, Self.date($0.receivedAt), $0.question, $0.organizationCode,
                    $0.tags.joined(separator: "、"), $0.status, $0.assignee, $0.reply,
                    $0.citations.joined(separator: "；"),
                ]
            })
        return HTTPResponse(
            status: 200,
            headers: [
                ("Content-Type", CSVExport.contentType), ("Cache-Control", "no-store"),
                ("Content-Disposition", "attachment; filename=\"consultations.csv\""),
            ] + HTTPResponse.securityHeaders,
            body: Array(csv.utf8))
    }

    // MARK: - Public

    /// GET /consult, and the form again with its problem after a failed POST.
    func consultForm(_ request: HTTPRequest, problem: String?, form: FormBody?, status: Int = 200) throws -> HTTPResponse {
        let (token, headers) = formToken(request)
        return try render(
            ConsultPage(
                formToken: token, problem: problem, question: form?["question"] ?? "", name: form?["name"] ?? "",
                contact: form?["contact"] ?? "", maxQuestion: Desk.maxQuestionCharacters),
            request, status: status, headers: headers)
    }

    /// GET /consult/{receipt}
    func receipt(_ request: HTTPRequest, _ reply: PublicReply) throws -> HTTPResponse {
        try render(Self.receiptModel(reply, isNew: request.query["new"] == "1"), request)
    }

    static func receiptModel(_ reply: PublicReply, isNew: Bool) -> ConsultReceiptPage {
        ConsultReceiptPage(
            receipt: reply.receipt, question: reply.question, status: reply.status.rawValue, isNew: isNew, reply: nonEmpty(reply.reply),
            hasReply: reply.reply != nil,
            citations: reply.citations.map {
                .init(full: CitationFormatter.citation(title: $0.documentTitle, label: $0.label, text: $0.quotedText, status: $0.documentStatus))
            })
    }

    /// GET /faq
    func faq(_ request: HTTPRequest, entries: [PublishedFAQ]) throws -> HTTPResponse {
        try render(Self.faqModel(entries), request)
    }

    static func faqModel(_ entries: [PublishedFAQ]) -> FAQPage {
        FAQPage(
            entries: entries.map { e in
                .init(
                    id: e.consultationID, question: e.question, answer: e.answer, published: date(e.publishedAt),
                    articles: e.articles.map { .init(title: $0.documentTitle, label: $0.label, url: URLBuilder.policy(encoding: $0.documentID)) })
            }, empty: entries.isEmpty)
    }
}
