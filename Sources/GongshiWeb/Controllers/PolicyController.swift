import Foundation
import GongshiSearch

/// The policy catalogue: /policies and /policies/{id}, with their JSON twins.
struct PolicyController {
    let site: Site

    /// GET /policies?level=&issuer=&status=&year=&kind=&page=
    func page(_ request: HTTPRequest) throws -> HTTPResponse {
        try site.pages.render(try model(try PolicyParameters.parse(request).get()), page: PageContext(request))
    }

    func model(_ parsed: PolicyParameters) throws -> PolicyListPage {
        let list = try site.catalog.list(parsed.filter, page: parsed.page, pageSize: parsed.pageSize)
        let base = parsed.parameters
        return PolicyListPage(
            total: list.total, page: parsed.page > 1 ? parsed.page : nil, activeFilters: parsed.hasFilters,
            items: list.items.map { p in
                .init(
                    title: p.title, url: URLBuilder.path(.policy(id: p.id)), docNumber: p.docNumber ?? "", issuer: p.issuer ?? "",
                    promulgated: p.promulgated ?? "", status: p.status ?? "", statusClass: Self.statusClass(p.status))
            },
            facets: SearchController.facetLinks(list.facets, path: URLBuilder.Route.policies, parameters: base),
            pagination: PageLinks(
                total: list.total, page: parsed.page, pageSize: list.pageSize, maxPages: 500, path: URLBuilder.Route.policies,
                parameters: base))
    }

    static func statusClass(_ status: String?) -> String {
        switch status {
        case "现行有效": return "current"
        case "已修改": return "amended"
        case "已废止": return "repealed"
        case "尚未生效": return "pending"
        default: return "unknown"
        }
    }

    /// GET /policies/{id}
    func itemPage(_ request: HTTPRequest, id: String) throws -> HTTPResponse {
        guard PolicyParameters.validID(id) else { throw HTTPProblem(400, "地址有误", "文件编号只能包含字母、数字和连字符。") }
        guard let document = try site.catalog.document(id: id) else {
            throw HTTPProblem.notFound("找不到该文件", message: "没有编号为“\(id)”的政策法规，可能已被移除。")
        }
        var model = Self.model(document)
        let version = PolicyCatalog.versionLabel(revised: document.document.revised, promulgated: document.document.promulgated)
        model.citeTitle = "《\(document.document.title)》" + (version.map { "（\($0)）" } ?? "")
        return try site.pages.render(model, page: PageContext(request))
    }

    static func model(_ document: PolicyPage) -> PolicyDocumentPage {
        let d = document.document
        var facts: [PolicyDocumentPage.Fact] = []
        func fact(_ label: String, _ value: String?, url: String? = nil) {
            guard let value, !value.isEmpty else { return }
            facts.append(.init(label: label, value: value, url: url ?? ""))
        }
        fact("文号", d.docNumber)
        fact("发布机构", d.issuer)
        fact("效力级别", d.level)
        fact("成文/公布日期", d.promulgated)
        fact("施行日期", d.effective)
        fact("修订日期", d.revised)
        fact("时效", d.status)
        fact("公开属性", d.disclosure)
        fact("适用地区", d.region)
        // 来源 as a reader sees it: the publisher and its public address, never the
        // repository path the text was taken from (`source` keeps that for SOURCES.md).
        if let name = d.sourceName {
            fact("来源", name, url: d.sourceURL)
        } else if let url = d.sourceURL ?? d.source.flatMap({ $0.hasPrefix("https://") || $0.hasPrefix("http://") ? $0 : nil }) {
            fact("来源", url, url: url)
        }
        var blocks: [PolicyDocumentPage.Block] = []
        var toc: [PolicyDocumentPage.Entry] = []
        var chapter: String?
        for unit in document.units {
            if let c = unit.chapter, c != chapter {
                chapter = c
                let anchor = "c\(toc.count + 1)"
                toc.append(.init(anchor: anchor, title: c))
                blocks.append(.init(chapter: c, anchor: anchor))
            }
            let paragraphs = unit.text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            blocks.append(.init(unit: .init(anchor: unit.anchor, label: unit.label, paragraphs: paragraphs)))
        }
        let preamble = document.preamble.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        var model = PolicyDocumentPage(
            title: d.title, facts: facts, blocks: blocks, toc: toc, hasToc: !toc.isEmpty, preamble: preamble,
            hasPreamble: !preamble.isEmpty)
        switch d.status {
        case "已废止":
            model.banner = "本文件已废止，仅供查阅，不再作为办事依据。"
            model.bannerClass = "repealed"
        case "已修改":
            model.banner = "本文件已被修改，以下为收录时的文本，请以现行有效的版本为准。"
            model.bannerClass = "amended"
        case "尚未生效":
            model.banner = "本文件尚未生效" + (d.effective.map { "，施行日期：\($0)" } ?? "") + "。"
            model.bannerClass = "pending"
        default: break
        }
        return model
    }

    /// GET /api/policies?level=&issuer=&status=&year=&kind=&page=&limit=
    func json(_ request: HTTPRequest) throws -> HTTPResponse {
        let parsed = try PolicyParameters.parse(request).get()
        return .json(PolicyListBody(try site.catalog.list(parsed.filter, page: parsed.page, pageSize: parsed.pageSize)))
    }

    /// GET /api/policies/{id}
    func itemJSON(id: String) throws -> HTTPResponse {
        guard PolicyParameters.validID(id) else { throw HTTPProblem.badRequest("文件编号不合法") }
        guard let page = try site.catalog.document(id: id) else { throw HTTPProblem.notFound(message: "没有编号为“\(id)”的政策法规") }
        return .json(PolicyPageBody(page))
    }
}
