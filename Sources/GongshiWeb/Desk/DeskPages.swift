import Foundation
import GongshiAnswers
import GongshiDesk

/// The desk's HTML pages. Staff pages carry the enquirer's personal data and so are never
/// cached (Cache-Control: no-store); public pages never show it.
struct DeskPages {
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

    private func render(_ template: String, _ context: [String: Any], _ request: HTTPRequest, status: Int = 200,
                        printView: Bool = false, headers: [(String, String)] = []) -> HTTPResponse {
        // Mustache treats "" as true in {{#name}} sections: empty values are left out instead.
        var context = context.filter { ($0.value as? String)?.isEmpty != true }
        if let session {
            context["account"] = session.account.name
            context["roleLabel"] = session.account.role.label
            context["isAdmin"] = session.account.isAdmin
            context["csrf"] = session.csrf
        }
        var page = PageContext(request)
        page.status = status
        if printView { page.printView = true }
        var response = site.pages.render(template, context, page: page)
        if session != nil {
            response.headers = response.headers.map { $0.0 == "Cache-Control" ? ("Cache-Control", "no-store") : $0 }
        }
        response.headers.append(contentsOf: headers)
        return response
    }

    /// A form token for pages without a session (login, /consult): the one the browser
    /// already has, or a new one set as a cookie.
    private func formToken(_ request: HTTPRequest) -> (token: String, headers: [(String, String)]) {
        if let token = DeskCookies.value(DeskCookies.form, in: request), token.utf8.count == 64,
           token.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }) {
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

    func login(_ request: HTTPRequest, problem: String?, status: Int = 200) -> HTTPResponse {
        let (token, headers) = formToken(request)
        let next = FormBody(request.body).value("next") ?? request.query["next"] ?? "/desk"
        return render("desk-login", ["formToken": token, "problem": problem ?? "", "next": URLBuilder.safeLocalPath(next)],
                      request, status: status, headers: headers)
    }

    // MARK: - Work views

    func home(_ request: HTTPRequest) -> HTTPResponse {
        guard let session else { return routes.notFound(request) }
        let text = String((request.query["q"] ?? "").prefix(100))
        var mine = ConsultationQuery()
        mine.assigneeID = session.account.id
        mine.openOnly = true
        var overdue = ConsultationQuery()
        overdue.overdueOnly = true
        var context: [String: Any] = [
            "mine": ((try? desk.consultations(mine)) ?? []).map(row),
            "overdue": ((try? desk.consultations(overdue)) ?? []).map(row),
            "overdueDays": desk.policy.overdueWorkingDays,
            "text": text,
        ]
        if !text.isEmpty {
            var search = ConsultationQuery()
            search.text = text
            context["results"] = ((try? desk.consultations(search)) ?? []).map(row)
            context["searched"] = true
        }
        return render("desk-home", context, request)
    }

    private func row(_ c: Consultation) -> [String: Any] {
        ["id": c.id, "channel": c.channel.rawValue, "received": Self.date(c.receivedAt), "question": String(c.question.prefix(80)),
         "status": c.status.rawValue, "assignee": c.assigneeName ?? "", "overdue": desk.isOverdue(c), "tags": c.tags.joined(separator: "、")]
    }

    // MARK: - Intake

    func intake(_ request: HTTPRequest, problem: String?, form: FormBody?, status: Int = 200) -> HTTPResponse {
        let channel = form?.value("channel") ?? Consultation.Channel.phone.rawValue
        let context: [String: Any] = [
            "problem": problem ?? "",
            "channels": Consultation.Channel.allCases.map { ["value": $0.rawValue, "checked": $0.rawValue == channel] },
            "received": form?.value("received") ?? Self.inputDate(Date()),
            "question": form?["question"] ?? "", "name": form?["name"] ?? "", "contact": form?["contact"] ?? "",
            "org": form?["org"] ?? "", "orgName": form?["org_name"] ?? "", "tags": form?["tags"] ?? "",
            "maxQuestion": Desk.maxQuestionCharacters,
        ]
        return render("desk-new", context, request, status: status)
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

    func create(_ request: HTTPRequest, form: FormBody) -> HTTPResponse {
        guard let session else { return routes.notFound(request) }
        do {
            let id = try DeskPages.create(form, desk: desk, account: session.account, site: site)
            return .redirect("/desk/\(id)")
        } catch {
            return intake(request, problem: error.message, form: form, status: error.kind == .store ? 500 : 400)
        }
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

    func consultation(_ request: HTTPRequest, id: Int64) -> HTTPResponse {
        let c: Consultation
        do { c = try desk.consultation(id) } catch { return routes.failure(error, request) }
        let cited = Set(c.citations.map { "\($0.documentID)|\($0.label)" })
        let suggestions = (try? site.answers.answer(c.question, limit: 6))?.answers ?? []
        let context: [String: Any] = [
            "id": c.id, "channel": c.channel.rawValue, "received": Self.date(c.receivedAt), "question": c.question,
            "name": c.enquirerName, "contact": c.enquirerContact, "org": c.organizationCode, "orgName": c.organizationName,
            "tags": c.tags.joined(separator: "、"), "tagsInput": c.tags.joined(separator: ","), "status": c.status.rawValue,
            "statuses": Consultation.Status.allCases.map { ["value": $0.rawValue, "selected": $0 == c.status] },
            "assignee": c.assigneeName ?? "", "receipt": c.receipt ?? "", "publishable": c.publishable,
            "assignees": ((try? desk.accounts()) ?? []).filter { !$0.disabled }.map { ["name": $0.name, "selected": $0.id == c.assigneeID] },
            "reply": c.reply, "faq": c.publishedAsFAQ, "overdue": desk.isOverdue(c),
            "citations": c.citations.map { citation -> [String: Any] in
                ["document": citation.documentID, "label": citation.label, "title": citation.documentTitle,
                 "text": citation.quotedText, "generation": citation.generation, "status": citation.documentStatus ?? "未注明"]
            },
            "suggestions": suggestions.map { answer -> [String: Any] in
                let label = answer.article?.label ?? answer.section?.label ?? ""
                return ["document": answer.document.id, "label": label, "title": answer.document.title, "url": answer.url,
                        "highlight": answer.highlight, "citation": answer.citation, "current": answer.current,
                        "added": cited.contains("\(answer.document.id)|\(label)")]
            },
        ]
        return render("desk-consultation", context, request)
    }

    func printView(_ request: HTTPRequest, id: Int64) -> HTTPResponse {
        let c: Consultation
        do { c = try desk.consultation(id) } catch { return routes.failure(error, request) }
        let full = c.citations.map {
            CitationFormatter.citation(title: $0.documentTitle, label: $0.label, text: $0.quotedText, status: $0.documentStatus)
        }
        let context: [String: Any] = [
            "id": c.id, "received": Self.date(c.receivedAt), "question": c.question, "reply": c.reply,
            "citations": zip(c.citations, full).map { citation, text -> [String: Any] in
                ["full": text, "version": "引用时状态：\(citation.documentStatus ?? "未注明")；索引第 \(citation.generation) 版"]
            },
            "copyText": ([c.reply] + full).filter { !$0.isEmpty }.joined(separator: "\n"),
            "printed": Self.date(Date()),
        ]
        return render("desk-print", context, request, printView: true)
    }

    // MARK: - Reports

    /// Counts as SVG charts drawn on the server (as on /stats), each with its data table.
    func statistics(_ request: HTTPRequest) -> HTTPResponse {
        guard let stats = try? desk.statistics() else { return routes.failure(DeskError(.store, ""), request) }
        func chart(_ id: String, _ title: String, _ counts: [DeskStatistics.Count], line: Bool = false) -> [String: Any] {
            let data = counts.map { SVGChart.Datum($0.key, $0.count) }
            return ["id": id, "title": title,
                    "svg": line && data.count > 1 ? SVGChart.line(id: id, title: title, data: data) : SVGChart.bars(id: id, title: title, data: data),
                    "table": SVGChart.table(caption: title, labelHeader: "类别", data: data)]
        }
        return render("desk-stats", ["total": stats.total, "charts": [
            chart("desk-channel", "按渠道", stats.byChannel), chart("desk-status", "按状态", stats.byStatus),
            chart("desk-tag", "按主题标签", stats.byTag), chart("desk-month", "按月份", stats.byMonth, line: true),
        ]], request)
    }

    func audit(_ request: HTTPRequest) -> HTTPResponse {
        guard let session else { return routes.notFound(request) }
        do {
            let entries = try desk.auditTrail(limit: 500, by: session.account)
            return render("desk-audit", ["entries": entries.map { e -> [String: Any] in
                ["at": Self.date(e.at), "actor": e.actor, "action": e.action, "target": e.target, "before": e.before ?? "", "after": e.after ?? ""]
            }], request)
        } catch { return routes.failure(error, request) }
    }

    func export(_ request: HTTPRequest) -> HTTPResponse {
        guard let session else { return routes.notFound(request) }
        do {
            let rows = try desk.export(by: session.account)
            let csv = CSVExport.render(header: ["编号", "渠道", "受理时间", "问题", "统一社会信用代码", "标签", "状态", "承办人", "答复", "引用"],
                                       rows: rows.map { ["\($0.id)", $0.channel, Self.date($0.receivedAt), $0.question, $0.organizationCode,
                                                         $0.tags.joined(separator: "、"), $0.status, $0.assignee, $0.reply,
                                                         $0.citations.joined(separator: "；")] })
            return HTTPResponse(status: 200, headers: [("Content-Type", CSVExport.contentType), ("Cache-Control", "no-store"),
                                                       ("Content-Disposition", "attachment; filename=\"consultations.csv\"")] + HTTPResponse.securityHeaders,
                                body: Array(csv.utf8))
        } catch { return routes.failure(error, request) }
    }

    // MARK: - Public

    func consultForm(_ request: HTTPRequest, problem: String?, form: FormBody?, status: Int = 200) -> HTTPResponse {
        let (token, headers) = formToken(request)
        return render("consult", ["formToken": token, "problem": problem ?? "", "question": form?["question"] ?? "",
                                  "name": form?["name"] ?? "", "contact": form?["contact"] ?? "", "maxQuestion": Desk.maxQuestionCharacters],
                      request, status: status, headers: headers)
    }

    func receipt(_ request: HTTPRequest, _ reply: PublicReply) -> HTTPResponse {
        render("consult-receipt", [
            "receipt": reply.receipt, "question": reply.question, "status": reply.status.rawValue, "isNew": request.query["new"] == "1",
            "reply": reply.reply ?? "", "hasReply": reply.reply != nil,
            "citations": reply.citations.map { ["full": CitationFormatter.citation(title: $0.documentTitle, label: $0.label, text: $0.quotedText,
                                                                                    status: $0.documentStatus)] },
        ], request)
    }

    func faq(_ request: HTTPRequest, entries: [PublishedFAQ]) -> HTTPResponse {
        render("faq", ["entries": entries.map { e -> [String: Any] in
            ["id": e.consultationID, "question": e.question, "answer": e.answer, "published": Self.date(e.publishedAt),
             "articles": e.articles.map { ["title": $0.documentTitle, "label": $0.label, "url": "/policies/\(URLBuilder.component($0.documentID))"] }]
        }, "empty": entries.isEmpty], request)
    }
}
