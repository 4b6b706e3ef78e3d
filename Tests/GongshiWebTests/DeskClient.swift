import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A minimal HTTP/1.1 client for the desk tests: one connection per request
/// (Connection: close), no redirects followed, cookies kept by hand, form-encoded bodies.
final class DeskClient {
    struct Response {
        var status: Int
        var headers: [(String, String)]
        var body: String
        func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
        var setCookies: [String] { headers.filter { $0.0.lowercased() == "set-cookie" }.map(\.1) }
    }
    struct Failure: Error { let message: String }

    let port: UInt16
    var cookies: [String: String] = [:]
    var extraHeaders: [(String, String)] = []

    init(port: UInt16) { self.port = port }

    static func encode(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~"))
            ?? ""
    }

    static func form(_ pairs: [(String, String)]) -> String { pairs.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&") }

    func get(_ path: String) throws -> Response { try send("GET", path) }

    func post(_ path: String, _ pairs: [(String, String)], headers: [(String, String)] = []) throws -> Response {
        try send("POST", path, body: Array(Self.form(pairs).utf8), headers: [("Content-Type", "application/x-www-form-urlencoded")] + headers)
    }

    func send(_ method: String, _ path: String, body: [UInt8] = [], headers: [(String, String)] = []) throws -> Response {
        guard let fd = RawConnection.connectLoopback(port: port, receiveTimeout: 30) else { throw Failure(message: "connect") }
        defer { close(fd) }
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        if !cookies.isEmpty { head += "Cookie: " + cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") + "\r\n" }
        for (k, v) in extraHeaders + headers { head += "\(k): \(v)\r\n" }
        if method == "POST" { head += "Content-Length: \(body.count)\r\n" }
        head += "\r\n"
        let bytes = Array(head.utf8) + body
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBufferPointer { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { break }  // the server may answer (413) before reading everything
            sent += n
        }
        var data: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = recv(fd, &chunk, chunk.count, 0)
            if n <= 0 { break }
            data.append(contentsOf: chunk[0..<n])
        }
        guard let split = data.indices.dropLast(3).first(where: { data[$0] == 13 && data[$0 + 1] == 10 && data[$0 + 2] == 13 && data[$0 + 3] == 10 }) else {
            throw Failure(message: "no response head")
        }
        let lines = String(decoding: data[..<split], as: UTF8.self).components(separatedBy: "\r\n")
        let status = Int(lines[0].split(separator: " ")[1]) ?? 0
        let headers = lines.dropFirst().compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        let response = Response(status: status, headers: headers, body: String(decoding: data[(split + 4)...], as: UTF8.self))
        for cookie in response.setCookies {
            let pair = cookie.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2 else { continue }
            if pair[1].isEmpty { cookies[String(pair[0])] = nil } else { cookies[String(pair[0])] = String(pair[1]) }
        }
        return response
    }

    /// The first hidden `csrf` value of a page.
    static func csrf(in html: String) -> String? {
        html.firstMatch(of: /name="csrf" value="([0-9a-f]{64})"/).map { String($0.1) }
    }

    /// Logs in through the login form; returns the response of the POST.
    @discardableResult
    func login(_ name: String, _ password: String) throws -> Response {
        let page = try get("/desk/login")
        guard let token = Self.csrf(in: page.body) else { throw Failure(message: "no form token on the login page") }
        return try post("/desk/login", [("csrf", token), ("name", name), ("password", password)])
    }
}
