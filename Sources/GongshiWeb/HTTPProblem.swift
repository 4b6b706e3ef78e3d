/// A request answered with an error status for a reason the controller knows (a malformed
/// address, nothing under an id, a method the site does not serve): what the person reads.
/// Controllers throw it; `ErrorResponder` turns it, like any other error, into the response.
struct HTTPProblem: Error, Sendable {
    var status: Int
    /// The error page's heading (HTML only).
    var heading: String
    var message: String
    /// Extra response headers (`Allow` for 405).
    var headers: [(String, String)] = []

    init(_ status: Int, _ heading: String, _ message: String, headers: [(String, String)] = []) {
        self.status = status
        self.heading = heading
        self.message = message
        self.headers = headers
    }

    /// A 400 with the standard heading.
    static func badRequest(_ message: String) -> HTTPProblem { HTTPProblem(400, "请求有误", message) }

    /// A 404 with the standard heading.
    static func notFound(_ heading: String = "找不到该页面", message: String) -> HTTPProblem { HTTPProblem(404, heading, message) }
}
