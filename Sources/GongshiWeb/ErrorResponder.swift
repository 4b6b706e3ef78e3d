import GongshiAnswers
import GongshiDesk
import GongshiDisclosure
import GongshiSearch
import GongshiStore
import Logging

/// The one place that turns an error into a response. The user's mistakes (a parameter,
/// a query, an unknown id) get their message; anything else is a 500 whose cause is logged
/// once, at error level, with the request's path (never its query: it may hold what a
/// person typed) and the underlying error (a `StoreError` carries its SQL). The answer is
/// the one JSON error shape `{"error": {"status", "message"}}` or the HTML error page.
struct ErrorResponder: Sendable {
    enum Form: Sendable { case json, html }

    let logger: Logger
    let pages: PageRenderer

    /// What an error means for the person who sent the request.
    struct Failure {
        var status: Int
        var heading: String
        var message: String
        var headers: [(String, String)] = []
        /// The page's wording when it differs from the API's (which names the parameter).
        var pageMessage: String?
        /// For 5xx: what went wrong on our side, for the log.
        var cause: (any Error)?
    }

    /// A parameter's problem in the words of the form: 成立年份应为 1900 至 2100 之间的年份。
    static func plain(_ name: String, _ message: String) -> String {
        let labels = [
            "name": "组织名称", "type": "组织类型", "status": "登记状态", "credit_status": "信用状况", "grade": "评估等级",
            "authority": "机关名称", "region": "所属区域", "founded_year": "成立年份", "year": "年份", "center_level": "服务中心级别",
            "kind": "公告类别", "issuer": "发布机关", "from": "起始日期", "to": "截止日期", "id": "编号", "code": "统一社会信用代码",
            "page": "页码", "limit": "每页条数",
        ]
        let label = labels[name] ?? "填写的内容"
        return (message.hasPrefix(label) ? message : label + message) + "。"
    }

    static let unavailableHeading = "服务暂时不可用"
    static let unavailableMessage = "读取数据时出错，请稍后再试。"

    static func failure(for error: any Error) -> Failure {
        switch error {
        case let problem as HTTPProblem:
            return Failure(status: problem.status, heading: problem.heading, message: problem.message, headers: problem.headers)
        case let problem as ParameterProblem:
            return Failure(status: 400, heading: "请求有误", message: problem.message)
        case SearchError.invalidQuery(let why), AnswerError.invalidQuestion(let why):
            return Failure(status: 400, heading: "请求有误", message: why)
        case let error as DeskError:
            switch error.kind {
            case .unauthenticated: return Failure(status: 401, heading: "请先登录", message: error.message)
            case .forbidden: return Failure(status: 403, heading: "无权进行该操作", message: error.message)
            case .invalid: return Failure(status: 400, heading: "提交有误", message: error.message)
            case .notFound: return Failure(status: 404, heading: "找不到", message: error.message)
            case .throttled: return Failure(status: 429, heading: "操作过于频繁", message: error.message)
            case .store: return Failure(status: 500, heading: unavailableHeading, message: unavailableMessage, cause: error)
            }
        case let error as DisclosureError:
            if case .invalidParameter(let name, let message) = error {
                return Failure(status: 400, heading: "请求有误", message: error.message, pageMessage: Self.plain(name, message))
            }
            return Failure(status: 500, heading: unavailableHeading, message: unavailableMessage, cause: error)
        default:
            return Failure(status: 500, heading: unavailableHeading, message: unavailableMessage, cause: error)
        }
    }

    func response(_ error: any Error, to request: HTTPRequest, form: Form) -> HTTPResponse {
        let failure = Self.failure(for: error)
        if failure.status >= 500 {
            logger.error(
                "\(failure.status) \(request.method) \(request.path): \(failure.cause.map(Self.describe) ?? "unknown error")", error: failure.cause,
                metadata: ["path": .string(request.path), "status": .stringConvertible(failure.status)])
        }
        var response: HTTPResponse
        switch form {
        case .json:
            // The API's messages are short and without the final 。 of the pages.
            let message = failure.status >= 500 ? "服务暂时不可用，请稍后再试" : failure.message
            response = .jsonError(failure.status, message)
        case .html:
            response = errorPage(failure, request)
        }
        response.headers += failure.headers
        return response
    }

    /// The underlying error as the log shows it: a store error with its kind, message, file and SQL.
    static func describe(_ error: any Error) -> String {
        if case DisclosureError.store(let store) = error { return "\(store)" }
        return "\(error)"
    }

    /// The error page; the search box keeps the query on /search (as its results page does).
    private func errorPage(_ failure: Failure, _ request: HTTPRequest) -> HTTPResponse {
        var page = PageContext(request, query: request.path == URLBuilder.Route.search ? trimmed(request.query["q"] ?? "") : "")
        page.status = failure.status
        do {
            return try pages.render(
                ErrorPage(
                    heading: failure.heading, message: failure.pageMessage ?? failure.message,
                    advice: ErrorPage.advice(status: failure.status, path: request.path)), page: page)
        } catch {
            logger.error("cannot render the error page: \(error)")
            return .html(
                status: failure.status,
                "<!DOCTYPE html><html lang=\"zh-CN\"><title>\(HTMLText.escape(failure.heading))</title><p>\(HTMLText.escape(failure.message))</p></html>")
        }
    }
}
