import Foundation
import GongshiDesk

/// The JSON twins of the desk pages under /api/desk (same session, same CSRF token in the
/// `X-CSRF-Token` header or a `csrf` field; bodies are form-encoded like the pages').
struct DeskAPI {
    let routes: DeskRoutes
    let session: DeskSession

    /// JSON with snake_case names and ISO 8601 times, as the rest of the API writes them.
    static func json<T: Encodable>(_ value: T, status: Int = 200) -> HTTPResponse {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        guard let data = try? encoder.encode(value) else { return .jsonError(500, "无法生成 JSON") }
        var response = HTTPResponse.json(encoded: Array(data), status: status)
        response.headers = response.headers.map { $0.0 == "Cache-Control" ? ("Cache-Control", "no-store") : $0 }
        if response.header("Cache-Control") == nil { response.headers.append(("Cache-Control", "no-store")) }
        return response
    }

    func list(_ request: HTTPRequest) -> HTTPResponse {
        var query = ConsultationQuery()
        query.text = String((request.query["q"] ?? "").prefix(100))
        query.openOnly = request.query["open"] == "1"
        query.overdueOnly = request.query["overdue"] == "1"
        if request.query["mine"] == "1" { query.assigneeID = session.account.id }
        do { return Self.json(["consultations": try routes.desk.consultations(query)]) } catch { return routes.failure(error, request) }
    }

    func consultation(_ id: Int64) -> HTTPResponse {
        do { return Self.json(try routes.desk.consultation(id)) } catch {
            return routes.failure(error, HTTPRequest(path: "/api/desk/consultations/\(id)"))
        }
    }

    func create(_ form: FormBody) -> HTTPResponse {
        do {
            let id = try DeskPages.create(form, desk: routes.desk, account: session.account, site: routes.site)
            var response = Self.json(try routes.desk.consultation(id), status: 201)
            response.headers.append(("Location", "/api/desk/consultations/\(id)"))
            return response
        } catch { return routes.failure(error, HTTPRequest(path: "/api/desk/consultations")) }
    }

    func statistics() -> HTTPResponse {
        do { return Self.json(try routes.desk.statistics()) } catch { return routes.failure(error, HTTPRequest(path: "/api/desk/stats")) }
    }

    func audit() -> HTTPResponse {
        do { return Self.json(["entries": try routes.desk.auditTrail(limit: 500, by: session.account)]) } catch {
            return routes.failure(error, HTTPRequest(path: "/api/desk/audit"))
        }
    }
}
