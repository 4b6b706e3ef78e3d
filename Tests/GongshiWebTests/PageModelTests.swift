import Foundation
import GongshiDesk
import GongshiDisclosure
import GongshiSearch
import GongshiStore
import GongshiTestSupport
import Testing

@testable import GongshiWeb

/// swift-mustache renders a name the context lacks as nothing, so a mistyped key would
/// silently empty a section. This renders every template with its typed model (sample
/// models built by the controllers over the fixture index) and checks every name each
/// template uses — inside sections too, where Mustache looks in the section's value
/// first and then outwards — against the keys the models encode.
@Suite struct PageModelTests {
    // MARK: templates

    /// A template as a tree: names looked up, and sections with what they contain.
    indirect enum Node {
        case name(String)
        case section(String, inverted: Bool, [Node])
        case partial(String)
    }

    static let templateDirectory = ProjectPaths.root.appendingPathComponent("Sources/GongshiWeb/Templates")

    static func parse(_ name: String) throws -> [Node] {
        let text = try String(contentsOf: templateDirectory.appendingPathComponent("\(name).mustache"), encoding: .utf8)
        // Parents ({{<layout}}) and blocks ({{$main}}) render what they hold in the same
        // context: `transparent`.
        var stack: [(name: String, inverted: Bool, transparent: Bool, nodes: [Node])] = [("", false, true, [])]
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            rest = rest[open.upperBound...]
            let triple = rest.hasPrefix("{")
            guard let close = rest.range(of: triple ? "}}}" : "}}") else { throw ParseError(template: name, why: "unclosed tag") }
            var tag = rest[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            rest = rest[close.upperBound...]
            if triple { tag.removeFirst() }
            let sigil = tag.first
            let body = String(tag.dropFirst()).trimmingCharacters(in: .whitespaces)
            switch sigil {
            case "%", "!": break  // pragma, comment
            case "<", "$": stack.append((body, false, true, []))
            case "#", "^": stack.append((body, sigil == "^", false, []))
            case "/":
                guard stack.count > 1, let last = stack.popLast(), last.name == body else {
                    throw ParseError(template: name, why: "unbalanced {{/\(body)}}")
                }
                if last.transparent {
                    stack[stack.count - 1].nodes += last.nodes
                } else {
                    stack[stack.count - 1].nodes.append(.section(body, inverted: last.inverted, last.nodes))
                }
            case ">": stack[stack.count - 1].nodes.append(.partial(body))
            case "&": stack[stack.count - 1].nodes.append(.name(body))
            default: stack[stack.count - 1].nodes.append(.name(tag))
            }
        }
        guard stack.count == 1 else { throw ParseError(template: name, why: "unclosed section \(stack.last?.name ?? "")") }
        return stack[0].nodes
    }

    struct ParseError: Error {
        let template: String
        let why: String
    }

    // MARK: checking

    /// The problems of `nodes` against the context stack `frames` (innermost last).
    static func problems(_ nodes: [Node], frames: [SchemaNode], path: String) throws -> [String] {
        var out: [String] = []
        func resolve(_ name: String) -> SchemaNode? {
            let parts = name.split(separator: ".").map(String.init)
            guard let first = parts.first else { return nil }
            guard var node = frames.reversed().lazy.compactMap({ $0.keys[first] }).first else { return nil }
            for part in parts.dropFirst() {
                guard let next = node.keys[part] else { return nil }
                node = next
            }
            return node
        }
        for node in nodes {
            switch node {
            case .name(let name):
                if name != ".", resolve(name) == nil { out.append("\(path){{\(name)}}: no such key in the model") }
            case .partial(let partial):
                out += try problems(try parse(partial), frames: frames, path: "\(path)>\(partial) ")
            case .section(let name, let inverted, let children):
                guard let value = resolve(name) else {
                    out.append("\(path){{\(inverted ? "^" : "#")\(name)}}: no such key in the model")
                    continue
                }
                var inner = frames
                // A list's items, or an object, become the innermost context; a string or a
                // flag adds nothing to look in. A value the samples never filled (nil, or an
                // empty list) tells nothing: what the section holds must then be found outside.
                if !inverted {
                    if let element = value.element { inner.append(element) } else if !value.keys.isEmpty { inner.append(value) }
                }
                let unknown = !inverted && (!value.sawValue || (value.isList && value.element == nil))
                out += try problems(
                    children, frames: inner,
                    path: "\(path){{\(inverted ? "^" : "#")\(name)}}\(unknown ? " (never filled in the samples)" : "") ")
            }
        }
        return out
    }

    /// Checks `template` (and the layout around it) with the merged schema of `models`.
    static func check<Model: PageModel>(_ models: [Model]) throws -> [String] {
        let schema = SchemaNode()
        let site = try WebTestIndex.router().site
        for (i, model) in models.enumerated() {
            let request = HTTPRequest(path: "/", headers: i % 2 == 0 ? [:] : ["cookie": "gongshi_prefs=font-large.contrast-high"])
            var page = PageContext(request, query: i % 2 == 0 ? "" : "民政")
            page.status = 200
            schema.merge(try SchemaEncoder.schema(of: site.pages.data(model, page: page)))
            // And it renders.
            let response = try site.pages.render(model, page: page)
            #expect(response.status == 200 && response.text.contains("</html>"), "\(Model.template)")
        }
        return try problems(try parse(Model.template), frames: [schema], path: "\(Model.template): ")
            + problems(try parse("layout"), frames: [schema], path: "layout (\(Model.template)): ")
    }

    // MARK: samples

    static func request(_ path: String, _ query: [String: String] = [:]) -> HTTPRequest { HTTPRequest(path: path, query: query) }

    @Test func everyTemplateHasAModelWithEveryNameItUses() throws {
        let site = try WebTestIndex.router().site
        let codes = try site.directory.database.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT code FROM org WHERE code IN (SELECT org_code FROM credit_record) OR center_level IS NOT NULL
                       OR code IN (SELECT org_code FROM notice_org LIMIT 20) OR grade IS NOT NULL
                    """)
        }
        let notices = try site.directory.database.read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT notice_id FROM notice_org LIMIT 10")
                + String.fetchAll(db, sql: "SELECT id FROM notice WHERE id NOT IN (SELECT notice_id FROM notice_org) LIMIT 3")
        }
        let documents = try site.catalog.list(PolicyFilter(), pageSize: 100).items.map(\.id)
        let search = SearchController(site: site)
        let policies = PolicyController(site: site)
        let ask = AskController(site: site)
        let orgs = OrgController(site: site)
        let credit = CreditController(site: site)
        let notice = NoticeController(site: site)

        var problems: [String] = []
        var checked: Set<String> = []
        func run<Model: PageModel>(_ models: [Model]) throws {
            checked.insert(Model.template)
            problems += try Self.check(models)
        }
        try run([try HomeController(site: site).model()])
        try run(
            try [["q": "民政"], [:], ["q": "龘龘龘"], ["q": "民政", "level": "行政法规", "page": "2"], ["q": "成立社会团体需要什么条件"]].map {
                try search.model(try SearchParameters.parse(Self.request("/search", $0)).get())
            })
        try run(
            try [[:], ["level": "行政法规"], ["limit": "5", "page": "2"]].map {
                try policies.model(try PolicyParameters.parse(Self.request("/policies", $0)).get())
            })
        try run(try documents.map { try #require(try site.catalog.document(id: $0)) }.map(PolicyController.model))
        try run(
            try ["", "成立社会团体需要什么条件？", "今天天气怎么样", "社会团体要有五十个个人会员吗", "民非可以设分支机构吗"].map {
                try ask.model(question: $0, limit: 5)
            })
        try run(try [[:], ["type": "社会团体", "page": "2"], ["credit_status": "serious"]].map { try orgs.model(Self.request("/orgs", $0)) })
        try run(try codes.map { try orgs.itemModel(code: $0) })
        try run(
            try [
                (CreditList.Kind.abnormal, [String: String]()), (.serious, ["removed": "1"]), (.abnormal, ["removed": "1", "limit": "2"]),
                (.serious, ["name": "没有这个名称的组织"]),
            ].map {
                try credit.model(Self.request("/credit", $0.1), kind: $0.0)
            })
        try run(try [[:], ["kind": "成立登记", "page": "2"]].map { try notice.model(Self.request("/notices", $0)) })
        try run(try notices.map { try notice.itemModel(id: $0) })
        try run([try StatsController(site: site).model()])
        let guides = GuideController(site: site)
        try run(try ["", "社团 注销", "没有这样的指南"].map { try guides.model(query: $0) })
        try run(try site.guides.list().map { try guides.itemModel(id: $0.id) })
        try run([APIController(site: site, answer: { WebTestIndex.routerOrNil()?.handle($0) ?? .jsonError(500, "") }).model()])
        try run([
            ErrorPage(heading: "找不到该页面", message: "您访问的地址不存在。", advice: ErrorPage.advice(status: 404, path: "/orgs/X")),
            ErrorPage(heading: "请求有误", message: "x", advice: ErrorPage.advice(status: 400, path: "/")),
        ])
        try run([
            DataController.model(
                SnapshotManifest(
                    generation: 7, created: "2026-12-06T08:00:00Z", counts: .init(organizations: 3, creditRecords: 2, notices: 1, policies: 4, articles: 40),
                    files: [
                        .init(name: SnapshotManifest.databaseFileName, bytes: 5_000_000, sha256: String(repeating: "a", count: 64)),
                        .init(name: "orgs.csv", bytes: 900, sha256: String(repeating: "b", count: 64), rows: 3),
                    ]))
        ])

        // The desk: a fresh desk database with an admin and a member of staff, consultations
        // with and without citations, reply and receipt, a published FAQ entry.
        let desk = try Desk(path: Scratch.directory.appendingPathComponent("desk-models-\(UUID().uuidString).sqlite").path)
        let admin = try desk.addAccount(name: "guanli", role: .admin, password: "mima-12345678")
        _ = try desk.addAccount(name: "xiaowang", role: .staff, password: "mima-12345678")
        let routes = DeskRoutes(site: site, desk: desk)
        var draft = ConsultationDraft(channel: .phone, receivedAt: Date(), question: "成立社会团体需要什么条件？")
        draft.enquirerName = "张三"
        draft.enquirerContact = "13800000000"
        draft.organizationName = "某某协会"
        draft.tags = ["登记"]
        draft.assigneeID = admin.id
        let cited = try desk.create(draft, by: admin)
        try desk.addCitation(
            cited,
            Citation(
                documentID: "shetuan-dengji-tiaoli", documentTitle: "社会团体登记管理条例", documentStatus: "现行有效",
                label: "第十条", quotedText: "成立社会团体，应当具备下列条件：……", generation: 1), by: admin)
        try desk.saveReply(cited, text: "依据条例第十条……", by: admin)
        try desk.publishFAQ(cited, by: admin)
        let receipt = try desk.submitPublic(question: "基金会的原始基金最少要多少钱？", name: "", contact: "", address: "127.0.0.1")
        let plain = try #require(try desk.consultations(ConsultationQuery()).first { $0.receipt == receipt }?.id)
        // Open, assigned and a month old: on the home page's own list and the overdue one.
        var old = ConsultationDraft(channel: .window, receivedAt: Date().addingTimeInterval(-30 * 86_400), question: "民非年检要交哪些材料？")
        old.tags = ["年检", "民非"]
        old.assigneeID = admin.id
        _ = try desk.create(old, by: admin)
        var staff: [DeskController] = []
        for name in ["guanli", "xiaowang"] {
            staff.append(DeskController(routes: routes, session: try desk.login(name: name, password: "mima-12345678", address: "127.0.0.1")))
        }
        func wrap<Body: PageModel>(_ models: [Body]) -> [StaffPage<Body>] {
            zip(models, staff + staff).map { model, controller in
                let account = controller.session!.account
                return StaffPage(
                    body: model,
                    staff: .init(
                        account: account.name, roleLabel: account.role.label, isAdmin: account.isAdmin,
                        csrf: controller.session!.csrf))
            }
        }
        try run([DeskLoginPage(formToken: "f", problem: nil, next: "/desk"), DeskLoginPage(formToken: "f", problem: "表单已失效", next: "/desk/1")])
        try run(wrap(try staff.map { try $0.homeModel(Self.request("/desk")) } + staff.map { try $0.homeModel(Self.request("/desk", ["q": "社会团体"])) }))
        try run(wrap([staff[0].intakeModel(problem: nil, form: nil), staff[1].intakeModel(problem: "请选择咨询渠道", form: FormBody(Array("question=x".utf8)))]))
        try run(wrap(try [cited, plain, cited, plain].enumerated().map { try staff[$0.offset % 2].consultationModel(id: $0.element) }))
        try run(wrap(try [cited, plain].map { try staff[0].printModel(id: $0) }))
        try run(wrap([try staff[0].statisticsModel()]))
        try run(wrap([try staff[0].auditModel()]))
        try run([
            ConsultPage(formToken: "f", problem: nil, question: "", name: "", contact: "", maxQuestion: 2000),
            ConsultPage(formToken: "f", problem: "问题不能为空", question: "x", name: "y", contact: "z", maxQuestion: 2000),
        ])
        try desk.setPublishable(plain, true, by: admin)
        let unanswered = try #require(try desk.publicReply(receipt: receipt))
        try desk.saveReply(plain, text: "原始基金不低于……", by: admin)
        try desk.addCitation(
            plain,
            Citation(
                documentID: "jijinhui-tiaoli", documentTitle: "基金会管理条例", documentStatus: nil, label: "第八条",
                quotedText: "……", generation: 1), by: admin)
        let answered = try #require(try desk.publicReply(receipt: receipt))
        try run([DeskController.receiptModel(unanswered, isNew: true), DeskController.receiptModel(answered, isNew: false)])
        try run([DeskController.faqModel(try desk.publishedFAQs()), DeskController.faqModel([])])

        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        // Every page template has a model (the layout and the partial are checked with each).
        let templates = Set(site.pages.templateNames).subtracting(["layout", "pagination", "desk-nav"])
        #expect(checked == templates, "templates without a model: \(templates.subtracting(checked))")
    }

    /// The check itself fails on a name the model lacks, also inside a section.
    @Test func aMistypedNameIsFound() throws {
        struct Item: Encodable { let title: String }
        struct Model: Encodable {
            let items: [Item]
            let hasItems: Bool
        }
        let schema = try SchemaEncoder.schema(of: Model(items: [Item(title: "x")], hasItems: true))
        let good: [Node] = [.section("has_items", inverted: false, [.section("items", inverted: false, [.name("title"), .name("has_items")])])]
        #expect(try Self.problems(good, frames: [schema], path: "").isEmpty)
        let typo: [Node] = [.section("hasItems", inverted: false, []), .section("items", inverted: false, [.name("titel")])]
        #expect(try Self.problems(typo, frames: [schema], path: "").count == 2)
        let empty = try SchemaEncoder.schema(of: Model(items: [], hasItems: false))
        #expect(try Self.problems([.section("items", inverted: false, [.name("title")])], frames: [empty], path: "").count == 1)
    }
}
