import Foundation
import GongshiDesk
import GongshiTestSupport
import Testing

/// The desk's commands as an operator runs them: the real `gongshi` executable.
@Suite(.serialized) struct DeskCLITests {
    struct Run {
        var status: Int32
        var out: String
        var err: String
    }

    func gongshi(_ arguments: [String], input: String? = nil, directory: URL? = nil) throws -> Run {
        let process = Process()
        process.executableURL = try #require(DeskDurabilityTests.binary, "the gongshi executable is not built next to the tests")
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe()
        let err = Pipe()
        let stdin = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, out: String(decoding: o, as: UTF8.self), err: String(decoding: e, as: UTF8.self))
    }

    @Test func initUsersDisableAndBackup() throws {
        let dir = Scratch.directory.appendingPathComponent("desk-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let db = dir.appendingPathComponent("desk.sqlite").path
        let initRun = try gongshi(["desk", "init", "--desk-db", db])
        #expect(initRun.status == 0 && initRun.out.contains("gongshi user add"))
        let add = try gongshi(["user", "add", "zhangsan", "--role", "admin", "--password-stdin", "--desk-db", db], input: "mima-12345678\n")
        #expect(add.status == 0, "\(add.err)")
        #expect(try gongshi(["user", "add", "lisi", "--password-stdin", "--desk-db", db], input: "mima-87654321\n").status == 0)
        // Refused: a short password, a duplicate name, an unknown role; nothing written.
        let short = try gongshi(["user", "add", "wangwu", "--password-stdin", "--desk-db", db], input: "short\n")
        #expect(short.status != 0 && short.err.contains("密码至少"))
        #expect(try gongshi(["user", "add", "lisi", "--password-stdin", "--desk-db", db], input: "mima-87654321\n").status != 0)
        #expect(try gongshi(["user", "add", "zhaoliu", "--role", "root", "--password-stdin", "--desk-db", db], input: "mima-87654321\n").status != 0)
        let desk = try Desk(path: db)
        #expect(try desk.accounts().map(\.name) == ["lisi", "zhangsan"])
        #expect(try desk.passwordHash(name: "zhangsan")?.hasPrefix("$y$") == true)
        #expect(try desk.hasAdmin())
        #expect(try desk.login(name: "lisi", password: "mima-87654321", address: "cli").account.role == .staff)

        #expect(try gongshi(["user", "disable", "lisi", "--desk-db", db]).status == 0)
        #expect(throws: DeskError.self) { try desk.login(name: "lisi", password: "mima-87654321", address: "cli") }
        #expect(try gongshi(["user", "disable", "nobody", "--desk-db", db]).status != 0)
        let list = try gongshi(["user", "list", "--desk-db", db])
        #expect(list.status == 0 && list.out.contains("lisi\t工作人员\t已停用") && list.out.contains("zhangsan\t管理员\t正常"), "\(list.out)")
        #expect(try gongshi(["user", "enable", "lisi", "--desk-db", db]).status == 0)
        #expect(try desk.login(name: "lisi", password: "mima-87654321", address: "cli").account.name == "lisi")

        // A reset password: the old one and the sessions it opened stop working; a short one is refused.
        let session = try desk.login(name: "zhangsan", password: "mima-12345678", address: "cli")
        let reset = try gongshi(["user", "passwd", "zhangsan", "--password-stdin", "--desk-db", db], input: "xin-mima-2026\n")
        #expect(reset.status == 0, "\(reset.err)")
        #expect(try desk.session(id: session.id) == nil)
        #expect(throws: DeskError.self) { try desk.login(name: "zhangsan", password: "mima-12345678", address: "cli") }
        #expect(try desk.login(name: "zhangsan", password: "xin-mima-2026", address: "cli").account.isAdmin)
        let weak = try gongshi(["user", "passwd", "zhangsan", "--password-stdin", "--desk-db", db], input: "short\n")
        #expect(weak.status != 0 && weak.err.contains("密码至少"))
        #expect(try gongshi(["user", "passwd", "nobody", "--password-stdin", "--desk-db", db], input: "xin-mima-2026\n").status != 0)
        #expect(try desk.auditTrail(by: try #require(desk.accounts().first { $0.name == "zhangsan" })).map(\.action).contains("user_passwd"))

        let copy = dir.appendingPathComponent("backup.sqlite").path
        #expect(try gongshi(["desk", "backup", "--to", copy, "--desk-db", db]).status == 0)
        #expect(try Desk(path: copy).accounts().count == 2)
        #expect(try gongshi(["desk", "backup", "--to", copy, "--desk-db", db]).status != 0)  // never overwrites
    }

    @Test func serveCreatesTheDeskDatabaseAndTellsTheTerminalHowToAddAnAdmin() throws {
        let dir = Scratch.directory.appendingPathComponent("desk-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = try #require(DeskDurabilityTests.binary)
        process.currentDirectoryURL = dir
        // The default --desk-db (data/desk.sqlite), as `make run` uses it.
        let port = try DeskDurabilityTests.freePort()
        process.arguments = [
            "serve", "--db", try FixtureIndex.path(), "--port", "\(port)",
            "--static-dir", ProjectPaths.staticFiles.path,
        ]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Wait until it serves, then stop it and read everything it wrote.
        let client = DeskClient(port: port)
        var ready = false
        for _ in 0..<200 where !ready {
            ready = (try? client.get("/healthz").status) == 200
            if !ready { usleep(100_000) }
        }
        kill(process.processIdentifier, SIGTERM)
        let seen = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(ready)
        let terminal = String(decoding: seen, as: UTF8.self)
        let log = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(terminal.contains("咨询台尚无管理员账号。创建：gongshi user add 用户名 --role admin"))
        #expect(!log.contains("gongshi user add"))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("data/desk.sqlite").path))
    }
}
