import Foundation
import GongshiDesk
import GongshiStore
import GongshiTestSupport
import GongshiWeb
import Logging

/// A live server with a desk of its own (fresh database file, one admin and one staff
/// account) over the shared fixture index, and every access-log line it writes.
final class DeskTestServer {
    static let adminName = "guanli", staffName = "xiaowang", password = "mima-12345678"

    let desk: Desk
    let server: HTTPServer
    let deskPath: String
    let pairsPath: String
    let log = LogLines()

    var port: UInt16 { server.port }

    init(policy: Desk.Policy = Desk.Policy()) throws {
        let id = UUID().uuidString
        deskPath = Scratch.directory.appendingPathComponent("desk-\(id).sqlite").path
        pairsPath = Scratch.directory.appendingPathComponent("pairs-\(id).jsonl").path
        desk = try Desk(path: deskPath, policy: policy)
        try desk.addAccount(name: Self.adminName, role: .admin, password: Self.password)
        try desk.addAccount(name: Self.staffName, role: .staff, password: Self.password)
        let site = try WebTestIndex.router().site
        var options = DeskRoutes.Options()
        options.qaPairsFile = pairsPath
        let lines = log
        server = HTTPServer(
            router: Router(site: site, desk: DeskRoutes(site: site, desk: desk, options: options)),
            logger: Logger(label: "gongshi.http") { _ in CollectingLogHandler(lines: lines) })
        var serverOptions = HTTPServer.Options()
        serverOptions.port = 0
        try server.start(serverOptions)
    }

    func stop() { server.stop() }

    func client() -> DeskClient { DeskClient(port: port) }

    func loggedIn(_ name: String) throws -> DeskClient {
        let client = client()
        let response = try client.login(name, Self.password)
        guard response.status == 303, client.cookies["gongshi_desk"] != nil else {
            throw DeskClient.Failure(message: "login of \(name) failed: \(response.status)")
        }
        return client
    }
}

final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) {
        lock.lock()
        lines.append(line)
        lock.unlock()
    }
    var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        return lines
    }
}

struct CollectingLogHandler: LogHandler {
    let lines: LogLines
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
    func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String, function: String, line: UInt) {
        lines.append("\(level) \(message)")
    }
}
