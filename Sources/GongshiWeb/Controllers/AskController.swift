import Foundation
import GongshiAnswers
import GongshiSearch

/// /ask: a question in plain Chinese → the articles that answer it, each quoted, cited
/// and linked into its document; the JSON twin is /api/ask.
struct AskController {
    let site: Site
    /// FAQ entries from elsewhere (the desk's published replies), shown before the index's own.
    var extraFAQ: (String) -> [AskPage.FAQ] = { _ in [] }

    static let examples = [
        "成立社会团体需要什么条件？", "申请政府信息公开多久答复？", "基金会的原始基金最少要多少钱？",
        "民非年检要交哪些材料？", "社会组织评估等级有效期几年？",
    ]

    /// The checked question and limit, shared by the page and the API.
    static func parameters(_ request: HTTPRequest, defaultLimit: Int) -> Result<(question: String, limit: Int), ParameterProblem> {
        let question = (request.query["q"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard question.count <= AnswerEngine.maxQuestionCharacters else {
            return .failure(.init("问题过长（最多 \(AnswerEngine.maxQuestionCharacters) 个字符）"))
        }
        guard let limit = Int(request.query["limit"] ?? "\(defaultLimit)"), (1...AnswerEngine.maxLimit).contains(limit) else {
            return .failure(.init("limit 应在 1 到 \(AnswerEngine.maxLimit) 之间"))
        }
        return .success((question, limit))
    }

    /// GET /ask?q=&limit=
    func page(_ request: HTTPRequest) throws -> HTTPResponse {
        let (question, limit) = try Self.parameters(request, defaultLimit: 5).get()
        let base = DisclosureParameters.baseURL(request).url
        return try site.pages.render(try model(question: question, limit: limit, base: base), page: PageContext(request))
    }

    /// The citation with the text's version after its title and the article's address at
    /// the end: 依据《社会团体登记管理条例》（2016修订）第十条：“……”（https://…/policies/…#a10）.
    static func citation(_ citation: String, title: String, version: String?, url: String) -> String {
        var text = citation
        if let version, let range = text.range(of: "《\(title)》") {
            text.replaceSubrange(range, with: "《\(title)》（\(version)）")
        }
        return text + "（\(url)）"
    }

    /// `base`: the site's address for absolute links in citations ("" for relative ones).
    func model(question: String, limit: Int, base: String = "") throws -> AskPage {
        var model = AskPage(examples: Self.examples.map { .init(text: $0, url: URLBuilder.component($0)) })
        guard !question.isEmpty else { return model }
        let response = try site.answers.answer(question, limit: limit)
        model.question = question
        model.confidence = response.confidence.rawValue
        model.confidenceLabel = ["high": "高", "medium": "中", "low": "低（没有找到明确的答案）"][response.confidence.rawValue] ?? ""
        model.notice = response.notice
        model.center = response.serviceCenter.map { center in
            .init(name: center.name, phone: center.phone, address: center.address, hours: center.hours, web: center.web)
        }
        model.faq =
            extraFAQ(question)
            + response.faq.map { faq in
                .init(
                    question: faq.question, answer: faq.answer,
                    articles: faq.articles.map {
                        .init(document: $0.document, label: $0.label ?? "", url: $0.ref.map(URLBuilder.path) ?? URLBuilder.Route.policies)
                    })
            }
        model.guides = try site.guides.matching(question).map { .init(text: $0.title, link: URLBuilder.guide($0.id)) }
        let versions = try site.catalog.versionLabels(ids: response.answers.map(\.document.id))
        model.answers = response.answers.enumerated().map { index, answer in
            .init(
                index: index + 1, url: URLBuilder.path(answer.ref), title: answer.document.title,
                label: answer.article?.label ?? answer.section?.label ?? "", chapter: answer.article?.chapter ?? "",
                level: answer.document.level ?? "", status: answer.document.status ?? "未注明",
                statusClass: PolicyController.statusClass(answer.document.status), current: answer.current,
                highlight: HTMLText.marked(answer.highlight),
                citation: Self.citation(
                    answer.citation, title: answer.document.title, version: versions[answer.document.id],
                    url: base + URLBuilder.path(answer.ref)),
                related: answer.related.map { .init(label: $0.label, url: URLBuilder.path($0.ref)) }, hasRelated: !answer.related.isEmpty,
                matched: Self.matchedLine(answer.matched))
        }
        return model
    }

    /// Why this answer, in one short line: 匹配：社会团体、注销→清算（0.31）.
    static func matchedLine(_ matched: [Answer.Match]) -> String? {
        guard !matched.isEmpty else { return nil }
        return matched.prefix(8).map { m in
            m.isBridge ? "\(m.question)→\(m.article)（\(String(format: "%.2f", m.weight))）" : m.article
        }.joined(separator: "、")
    }

    /// GET /api/ask?q=&limit=
    func json(_ request: HTTPRequest) throws -> HTTPResponse {
        let (question, limit) = try Self.parameters(request, defaultLimit: 5).get()
        guard !question.isEmpty else { throw HTTPProblem.badRequest("缺少问题参数 q") }
        return .json(AnswerResponseBody(try site.answers.answer(question, limit: limit)))
    }
}
