import Foundation
import GRDB
import GongshiStore
import GongshiWeb
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// `gongshi-faults` (`make faults`): the faults and abuse the server and the indexer must
/// survive, against the real `gongshi` binary on 127.0.0.1 (attackers) and 127.0.0.2 (the
/// client who must still be served). One line per case with its figure, then `N passed, M failed`.
@main struct FaultSuite {
    static var passed = 0
    static var failed = 0

    static func report(_ name: String, _ ok: Bool, _ figure: String) {
        if ok { passed += 1 } else { failed += 1 }
        print("\(ok ? "PASS" : "FAIL") \(name): \(figure)")
        fflush(stdout)
    }

    static func main() {
        let arguments = CommandLine.arguments
        func option(_ name: String) -> String? {
            arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
        }
        let binaryDirectory = URL(fileURLWithPath: arguments[0]).deletingLastPathComponent().path
        let context = Context(
            gongshi: option("--gongshi") ?? binaryDirectory + "/gongshi",
            corpus: URL(fileURLWithPath: option("--corpus") ?? "Corpus").standardizedFileURL,
            staticDirectory: option("--static-dir") ?? "Static",
            work: URL(fileURLWithPath: option("--work") ?? NSTemporaryDirectory() + "gongshi-faults-\(getpid())"),
            only: option("--only"))
        signal(SIGPIPE, SIG_IGN)
        let descriptors = raiseDescriptorLimit()
        print("gongshi-faults: \(context.gongshi), descriptors \(descriptors) (ulimit -n raised to the hard limit)")
        do {
            try context.prepare()
            defer { context.cleanUp() }
            let cases: [(String, (Context) throws -> (Bool, String))] = [
                ("route-sweep", routeSweep), ("hostile-fuzz", hostileFuzz), ("head-limits", headLimits),
                ("idle-and-slowloris", idleAndSlowloris), ("kill-9-index", killIndex), ("reindex-under-load", reindexUnderLoad),
                ("bad-files", badFiles),
            ]
            for (name, run) in cases where context.only == nil || context.only == name {
                let started = DispatchTime.now().uptimeNanoseconds
                do {
                    let (ok, figure) = try run(context)
                    report(name, ok, figure + String(format: " (%.1f s)", millis(since: started) / 1000))
                } catch {
                    report(name, false, "error: \(error)")
                }
            }
        } catch {
            report("setup", false, "error: \(error)")
        }
        print("\(passed) passed, \(failed) failed")
        exit(failed == 0 ? 0 : 1)
    }

    /// The soft descriptor limit raised to the hard one (1,500 attack sockets need it).
    static func raiseDescriptorLimit() -> Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 1024 }
        if limit.rlim_cur < limit.rlim_max {
            limit.rlim_cur = limit.rlim_max
            _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        }
        return limit.rlim_cur > rlim_t(1 << 20) ? 1 << 20 : Int(limit.rlim_cur)
    }
}

/// Paths, the bundled corpus indexed once, and a server on it.
final class Context {
    let gongshi: String
    let corpus: URL
    let staticDirectory: String
    let work: URL
    let only: String?
    var database: String { work.appendingPathComponent("main.sqlite").path }
    var server: ServerProcess?

    init(gongshi: String, corpus: URL, staticDirectory: String, work: URL, only: String?) {
        self.gongshi = gongshi
        self.corpus = corpus
        self.staticDirectory = staticDirectory
        self.work = work
        self.only = only
    }

    func prepare() throws {
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let copy = work.appendingPathComponent("corpus")
        try FileManager.default.copyItem(at: corpus, to: copy)
        let result = try run(["index", "--corpus", copy.path, "--db", database, "--quiet"])
        guard result.status == 0 else { throw SuiteError("index of the bundled corpus exited \(result.status): \(result.stderr.suffix(500))") }
        server = try ServerProcess(context: self, database: database)
    }

    func cleanUp() {
        server?.stop()
        stopBigIndex()
        try? FileManager.default.removeItem(at: work)
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `gongshi` with `arguments` to the end.
    func run(_ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: gongshi)
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes while it runs (a full pipe would block it): standard error on another
        // thread, standard output on this one.
        let stderrData = Mutex(Data())
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            let data = err.fileHandleForReading.readDataToEndOfFile()
            stderrData.withLock { $0 = data }
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        group.wait()
        let stderr = stderrData.withLock { $0 }
        return Result(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }
}

struct SuiteError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// `gongshi serve` in a child process on a free port.
final class ServerProcess {
    let process = Process()
    let port: UInt16

    init(context: Context, database: String, extra: [String] = []) throws {
        port = try ServerProcess.freePort()
        process.executableURL = URL(fileURLWithPath: context.gongshi)
        process.arguments =
            [
                "serve", "--db", database, "--host", "127.0.0.1", "--port", "\(port)", "--no-access-log",
                "--static-dir", context.staticDirectory, "--threads", "4",
            ] + extra
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let client = HTTPClient(port: port, timeout: 2)
        for _ in 0..<200 {
            if let answer = try? client.get("/healthz"), answer.status == 200 { return }
            usleep(50_000)
        }
        stop()
        throw SuiteError("gongshi serve did not answer /healthz within 10 s")
    }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    static func freePort() throws -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard ok else { throw SuiteError("no free port") }
        return UInt16(bigEndian: address.sin_port)
    }
}

/// Runs `body(worker)` on `count` threads at once and waits for all.
func parallel(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    DispatchQueue.concurrentPerform(iterations: count, execute: body)
}

/// A counter several threads add to.
final class Tally: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [String: Int] = [:]
    private(set) var samples: [Double] = []
    private(set) var examples: [String] = []
    func add(_ key: String, _ n: Int = 1) { lock.withLock { values[key, default: 0] += n } }
    func sample(_ value: Double) { lock.withLock { samples.append(value) } }
    func example(_ text: String) { lock.withLock { if examples.count < 5 { examples.append(text) } } }
    subscript(_ key: String) -> Int { lock.withLock { values[key] ?? 0 } }
}
