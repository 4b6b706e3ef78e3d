import Foundation
import GongshiDesk
import GongshiTestSupport
import Testing

/// Kills `gongshi serve` with SIGKILL while saves are arriving, then checks that every save
/// the server acknowledged (201) is in the desk database, whole.
@Suite(.serialized) struct DeskDurabilityTests {
    /// The `gongshi` executable next to the test bundle (built with the tests).
    static var binary: URL? {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return [bundle, bundle.deletingLastPathComponent()].map { $0.appendingPathComponent("gongshi") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    static func freePort() throws -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return UInt16(bigEndian: address.sin_port)
    }

    @Test func acknowledgedSavesSurviveSIGKILL() throws {
        let binary = try #require(Self.binary, "the gongshi executable is not built next to the tests")
        let index = try FixtureIndex.path()
        let deskPath = Scratch.directory.appendingPathComponent("desk-kill-\(UUID().uuidString).sqlite").path
        do {
            let desk = try Desk(path: deskPath)
            try desk.addAccount(name: "staff1", role: .staff, password: "mima-12345678")
        }
        let port = try Self.freePort()
        let process = Process()
        process.executableURL = binary
        process.arguments = [
            "serve", "--db", index, "--desk-db", deskPath, "--port", "\(port)", "--no-access-log",
            "--static-dir", ProjectPaths.staticFiles.path, "--qa-pairs", deskPath + ".pairs.jsonl",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

        let client = DeskClient(port: port)
        var ready = false
        for _ in 0..<100 where !ready {
            ready = (try? client.get("/healthz").status) == 200
            if !ready { usleep(100_000) }
        }
        try #require(ready, "the server did not start")
        try #require(try client.login("staff1", "mima-12345678").status == 303)
        let me = try client.get("/api/desk/me").body
        let csrf = try #require(me.firstMatch(of: /"csrf":"([0-9a-f]{64})"/).map { String($0.1) })

        // Two writers save as fast as they can; the server is killed after 40 acknowledgements.
        let acknowledged = LogLines()
        let group = DispatchGroup()
        for writer in 0..<2 {
            group.enter()
            let cookies = client.cookies
            DispatchQueue.global().async {
                defer { group.leave() }
                let c = DeskClient(port: port)
                c.cookies = cookies
                for i in 0..<1_000 {
                    let question = "写入者 \(writer) 的第 \(i) 次保存：社会团体年检材料"
                    guard
                        let r = try? c.post(
                            "/api/desk/consultations", [("channel", "电话"), ("question", question)],
                            headers: [("X-CSRF-Token", csrf)])
                    else { return }
                    guard r.status == 201, let id = r.body.firstMatch(of: /"id":(\d+)/).map({ String($0.1) }) else { return }
                    acknowledged.append("\(id)\t\(question)")
                }
            }
        }
        while acknowledged.all.count < 40 { usleep(2_000) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        group.wait()

        let saved = acknowledged.all
        #expect(saved.count >= 40)
        let desk = try Desk(path: deskPath)
        for line in saved {
            let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
            let id = try #require(Int64(parts[0]))
            let found = try desk.consultation(id)
            #expect(found.question == parts[1], "consultation \(id)")
        }
        // And each has its audit row (same transaction).
        let admin = try desk.addAccount(name: "checker", role: .admin, password: "mima-12345678")
        let created = Set(try desk.auditTrail(limit: 5_000, by: admin).filter { $0.action == "create" }.map(\.target))
        for line in saved { #expect(created.contains("consultation:\(line.split(separator: "\t")[0])")) }
    }
}
