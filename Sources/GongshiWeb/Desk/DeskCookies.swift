import Foundation

/// The desk's cookies: the session id (`gongshi_desk`) and, before login and on /consult,
/// a form token compared with the one in the form (double submit). Both HttpOnly and
/// SameSite=Strict; Secure when the request came over TLS (X-Forwarded-Proto: https).
enum DeskCookies {
    static let session = "gongshi_desk"
    static let form = "gongshi_form"

    static func value(_ name: String, in request: HTTPRequest) -> String? {
        guard let header = request.headers["cookie"], header.utf8.count <= 8192 else { return nil }
        for part in header.split(separator: ";") {
            let kv = part.split(separator: "=", maxSplits: 1)
            if kv.count == 2, kv[0].trimmingCharacters(in: .whitespaces) == name {
                return kv[1].trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }

    static func set(_ name: String, _ value: String, request: HTTPRequest, maxAge: Int) -> (String, String) {
        let secure = request.headers["x-forwarded-proto"]?.lowercased() == "https" ? "; Secure" : ""
        return ("Set-Cookie", "\(name)=\(value); Path=/; Max-Age=\(maxAge); HttpOnly; SameSite=Strict\(secure)")
    }

    static func clear(_ name: String, request: HTTPRequest) -> (String, String) { set(name, "", request: request, maxAge: 0) }
}
