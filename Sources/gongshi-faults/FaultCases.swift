import Foundation
import GRDB
import GongshiWeb

#if canImport(Glibc)
    import Glibc
#endif

/// A small deterministic generator (SplitMix64), so a failing fuzz run can be repeated.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension FaultSuite {
    // MARK: route sweep

    static func routeSweep(_ context: Context) throws -> (Bool, String) {
        guard let server = context.server else { throw SuiteError("no server") }
        let requests = RouteSweep.requests(thorough: true) { path, query in
            fetch(port: server.port, target: RouteSweep.Request(path: path, query: query).target)
        }
        let tally = Tally()
        let workers = 4
        parallel(workers) { worker in
            let client = HTTPClient(port: server.port)
            for (i, request) in requests.enumerated() where i % workers == worker {
                do {
                    let answer = try client.get(request.target)
                    if answer.status >= 500 {
                        tally.add("5xx")
                        tally.example("\(request) → \(answer.status)")
                    }
                } catch {
                    tally.add("dropped")
                    tally.example("\(request) → \(error)")
                }
            }
        }
        let figure =
            "\(requests.count) requests (every route × every parameter, values from the index and a hostile list): "
            + "\(tally["5xx"]) × 5xx, \(tally["dropped"]) dropped" + (tally.examples.isEmpty ? "" : "; e.g. \(tally.examples)")
        return (tally["5xx"] == 0 && tally["dropped"] == 0 && requests.count > 10_000, figure)
    }

    /// Status and body of GET `target` (for harvesting values), read whole with Connection: close
    /// and without gzip.
    static func fetch(port: UInt16, target: String) -> (status: Int, body: [UInt8]) {
        guard let fd = try? HTTPClient.connect(port: port, source: "127.0.0.1") else { return (0, []) }
        defer { close(fd) }
        let request = Array("GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
        _ = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        var data: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = recv(fd, &chunk, chunk.count, 0)
            if n <= 0 { break }
            data += chunk[0..<n]
        }
        guard let end = data.indices.dropLast(3).first(where: { data[$0] == 13 && data[$0 + 1] == 10 && data[$0 + 2] == 13 && data[$0 + 3] == 10 }) else {
            return (0, [])
        }
        let status = Int(String(decoding: data[..<end], as: UTF8.self).split(separator: " ").dropFirst().first ?? "") ?? 0
        return (status, Array(data[(end + 4)...]))
    }

    // MARK: hostile fuzz

    static func hostileFuzz(_ context: Context) throws -> (Bool, String) {
        guard let server = context.server else { throw SuiteError("no server") }
        let total = 12_000
        let workers = 4
        let tally = Tally()
        parallel(workers) { worker in
            var random = SeededGenerator(state: 20_261_206 &+ UInt64(worker))
            let client = HTTPClient(port: server.port)
            for _ in 0..<(total / workers) {
                let (request, isHead) = fuzzRequest(&random)
                do {
                    let answer = try client.exchange(request, isHead: isHead)
                    tally.add("answered")
                    if answer.status >= 500 {
                        tally.add("5xx")
                        tally.example("\(String(decoding: request.prefix(120), as: UTF8.self)) → \(answer.status)")
                    }
                } catch {
                    tally.add("dropped")
                    tally.example("\(String(decoding: request.prefix(120), as: UTF8.self)) → \(error)")
                }
            }
        }
        let figure =
            "\(total) fuzzed requests (methods, paths, parameters, headers): \(tally["5xx"]) × 5xx, \(tally["dropped"]) dropped"
            + (tally.examples.isEmpty ? "" : "; e.g. \(tally.examples)")
        return (tally["5xx"] == 0 && tally["dropped"] == 0, figure)
    }

    static let fuzzPaths = [
        "/", "/search", "/api/search", "/policies", "/api/policies", "/ask", "/api/ask", "/prefs", "/healthz",
        "/robots.txt", "/orgs", "/api/orgs", "/api/suggest", "/credit/abnormal", "/credit/serious",
        "/api/credit/abnormal", "/notices", "/api/notices", "/notices.atom", "/stats", "/api/stats", "/sitemap.xml",
        "/sitemap-1.xml", "/api/openapi.json", "/static/css/site.css", "/policies/shetuan-dengji-tiaoli",
        "/orgs/51510107MJ2054483K", "/api/orgs/51510107MJ2054483K/center", "/notices/", "/static/../Package.swift",
    ]

    static func fuzzRequest(_ random: inout SeededGenerator) -> ([UInt8], Bool) {
        func junk(_ maxLength: Int) -> String {
            let length = Int.random(in: 0...maxLength, using: &random)
            var out = ""
            for _ in 0..<length {
                switch Int.random(in: 0..<6, using: &random) {
                case 0: out += String(format: "%%%02X", Int.random(in: 0...255, using: &random))
                case 1:
                    out += ["社", "会", "团", "体", "𠀀", "長", "ｱ", "\u{301}"].randomElement(using: &random)!
                        .addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                case 2:
                    out += ["'", "\"", "<", ">", "(", ")", "*", "..", "/", "%", "+", "NEAR", "OR", ";", "="].randomElement(using: &random)!
                        .addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                default: out += String(UnicodeScalar(UInt8.random(in: 97...122, using: &random)))
                }
            }
            return out
        }
        let method = ["GET", "GET", "GET", "GET", "GET", "GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE"]
            .randomElement(using: &random)!
        var path = fuzzPaths.randomElement(using: &random)!
        if Int.random(in: 0..<4, using: &random) == 0 { path += junk(40) }
        if Int.random(in: 0..<30, using: &random) == 0 { path = "/" + junk(3_000) }
        var query: [String] = []
        for _ in 0..<Int.random(in: 0...5, using: &random) {
            let name = Int.random(in: 0..<5, using: &random) == 0 ? junk(8) : RouteSweep.parameters.randomElement(using: &random)!
            let value: String
            switch Int.random(in: 0..<4, using: &random) {
            case 0: value = RouteSweep.hostile.randomElement(using: &random)!.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            case 1: value = String(Int.random(in: -5...200, using: &random))
            default: value = junk(60)
            }
            query.append(name + "=" + value)
        }
        let target = path + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
        var headers = "Host: 127.0.0.1\r\n"
        if Bool.random(using: &random) { headers += "Accept-Encoding: \(["gzip", "gzip;q=0", "*", "br, gzip", junk(20)].randomElement(using: &random)!)\r\n" }
        if Int.random(in: 0..<4, using: &random) == 0 { headers += "Cookie: gongshi_prefs=\(junk(200))\r\n" }
        if Int.random(in: 0..<6, using: &random) == 0 { headers += "If-None-Match: \(junk(40))\r\nIf-Modified-Since: \(junk(30))\r\n" }
        if Int.random(in: 0..<10, using: &random) == 0 { headers += "Range: bytes=\(junk(10))\r\n" }
        var body = ""
        if method == "POST" || method == "PUT" || method == "PATCH" {
            body = junk(500)
            headers += "Content-Length: \(body.utf8.count)\r\n"
        }
        return (Array("\(method) \(target) HTTP/1.1\r\n\(headers)\r\n\(body)".utf8), method == "HEAD")
    }

    // MARK: head limits

    static func headLimits(_ context: Context) throws -> (Bool, String) {
        guard let server = context.server else { throw SuiteError("no server") }
        var results: [String] = []
        var ok = true
        func check(_ name: String, _ request: String, expect status: Int) {
            let client = HTTPClient(port: server.port)
            let answer = try? client.exchange(Array(request.utf8))
            let good = answer?.status == status && answer?.head.contains("X-Content-Type-Options: nosniff") == true
            ok = ok && good
            results.append("\(name) → \(answer.map { "\($0.status)" } ?? "no answer")\(good ? "" : " (expected \(status) with our headers)")")
        }
        check("33 KB header", "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: \(String(repeating: "a", count: 33_000))\r\n\r\n", expect: 431)
        check(
            "40 KB of headers",
            "GET /healthz HTTP/1.1\r\nHost: x\r\n" + (0..<360).map { "X-H\($0): \(String(repeating: "a", count: 100))\r\n" }.joined() + "\r\n", expect: 431)
        check("20 KB request line", "GET /api/search?q=\(String(repeating: "a", count: 20_000)) HTTP/1.1\r\nHost: x\r\n\r\n", expect: 414)
        check("/healthz%00x", "GET /healthz%00x HTTP/1.1\r\nHost: x\r\n\r\n", expect: 400)
        return (ok, results.joined(separator: ", "))
    }

    // MARK: idle + slowloris

    static func idleAndSlowloris(_ context: Context) throws -> (Bool, String) {
        guard let server = context.server else { throw SuiteError("no server") }
        let seconds = 15.0
        let stop = Tally()
        let attack = Tally()
        let attacker = Thread {
            var idle: [Int32] = []
            var slow: [Int32] = []
            func open(_ count: Int, slow isSlow: Bool) -> [Int32] {
                var out: [Int32] = []
                for _ in 0..<count {
                    guard let fd = try? HTTPClient.connect(port: server.port, source: "127.0.0.1", timeout: 1) else {
                        attack.add("refused")
                        continue
                    }
                    attack.add("opened")
                    if isSlow { _ = Array("GET / HTTP/1.1\r\nHost: x\r\n".utf8).withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } }
                    out.append(fd)
                }
                return out
            }
            func alive(_ fd: Int32) -> Bool {
                var byte: UInt8 = 0
                let n = recv(fd, &byte, 1, Int32(MSG_DONTWAIT))
                return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)
            }
            idle = open(1_000, slow: false)
            slow = open(500, slow: true)
            while stop["stop"] == 0 {
                // One header byte a second on each slow connection; closed ones are reopened,
                // as an attacker would, to keep the pressure on.
                slow = slow.map { fd -> Int32 in
                    var byte = UInt8(ascii: "a")
                    if alive(fd), send(fd, &byte, 1, Int32(MSG_NOSIGNAL)) == 1 { return fd }
                    close(fd)
                    attack.add("reopened")
                    return open(1, slow: true).first ?? -1
                }.filter { $0 >= 0 }
                idle = idle.map { fd -> Int32 in
                    if alive(fd) { return fd }
                    close(fd)
                    attack.add("reopened")
                    return open(1, slow: false).first ?? -1
                }.filter { $0 >= 0 }
                attack.add("held", 0)
                let held = idle.filter(alive).count + slow.filter(alive).count
                attack.sample(Double(held))
                usleep(1_000_000)
            }
            for fd in idle + slow { close(fd) }
            attack.add("done")
        }
        attacker.start()
        usleep(2_000_000)  // the attack is in place
        var latencies: [Double] = []
        var failures: [String] = []
        let started = Date()
        var n = 0
        while Date().timeIntervalSince(started) < seconds {
            let client = HTTPClient(port: server.port, source: "127.0.0.2", timeout: 5)
            let target = n % 2 == 0 ? "/healthz" : "/api/search?q=%E7%A4%BE%E4%BC%9A"
            let t0 = DispatchTime.now().uptimeNanoseconds
            do {
                let answer = try client.get(target, headers: "Connection: close\r\n")
                if answer.status != 200 { failures.append("\(target) → \(answer.status)") }
                latencies.append(millis(since: t0))
            } catch {
                failures.append("\(target) → \(error)")
            }
            client.close()
            n += 1
            usleep(50_000)
        }
        stop.add("stop")
        while attack["done"] == 0 { usleep(50_000) }
        // The attacker has closed everything: the server must not keep those sockets.
        usleep(1_000_000)
        let closeWait = closeWaitSockets(port: server.port)
        let p50 = percentile(latencies, 0.5)
        let p99 = percentile(latencies, 0.99)
        let held = attack.samples.max() ?? 0
        let figure =
            String(
                format:
                    "attacker from 127.0.0.1: 1,000 idle + 500 slowloris, reopened when cut (%d connects in all; at most %.0f open at once as the attacker sees it, accepted or queued); "
                    + "client from 127.0.0.2: %d of %d answered, p50 %.1f ms, p99 %.1f ms", attack["opened"], held,
                latencies.count - failures.count, n, p50, p99) + "; server sockets in CLOSE_WAIT 1 s after the attack: \(closeWait)"
            + (failures.isEmpty ? "" : "; e.g. \(failures.prefix(3))")
        return (failures.isEmpty && p99 <= 100 && n > 100 && closeWait == 0, figure)
    }

    /// Sockets on local port `port` in state CLOSE_WAIT (08 in /proc/net/tcp).
    static func closeWaitSockets(port: UInt16) -> Int {
        guard let table = try? String(contentsOfFile: "/proc/net/tcp", encoding: .utf8) else { return -1 }
        let local = String(format: ":%04X", port)
        return table.split(separator: "\n").dropFirst().filter { line in
            let fields = line.split(separator: " ")
            return fields.count > 3 && fields[1].hasSuffix(local) && fields[3] == "08"
        }.count
    }

    // MARK: kill -9 of index

    static func killIndex(_ context: Context) throws -> (Bool, String) {
        let big = try context.bigIndex()
        var random = SeededGenerator(state: 9)
        var integrityOK = 0
        var served = 0
        var killed = 0
        var finishedFirst = 0
        var notes: [String] = []
        try big.touchOrganizations()
        for round in 0..<10 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: context.gongshi)
            process.arguments = ["index", "--corpus", big.corpus.path, "--db", big.database, "--quiet"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32.random(in: 200_000...2_000_000, using: &random))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            if process.terminationReason == .uncaughtSignal {
                killed += 1
            } else {
                finishedFirst += 1
                try big.touchOrganizations()  // it committed: give the next run work again
            }
            let check = try big.integrity()
            if check == "ok" { integrityOK += 1 } else { notes.append("round \(round): \(check)") }
            let total = try big.servedOrganizations()
            if total == big.organizations { served += 1 } else { notes.append("round \(round): served \(total) organizations") }
        }
        // A run to the end afterwards: the index works and leaves no large WAL.
        let final = try context.run(["index", "--corpus", big.corpus.path, "--db", big.database, "--quiet"])
        let wal = (try? FileManager.default.attributesOfItem(atPath: big.database + "-wal")[.size] as? Int) ?? 0
        let figure =
            "10 × kill -9 at random moments (\(killed) killed mid-run, \(finishedFirst) finished first): integrity_check ok \(integrityOK)/10, "
            + "previous \(big.organizations) organizations served \(served)/10; then a full run exits \(final.status), WAL \(wal) bytes"
            + (notes.isEmpty ? "" : "; \(notes.prefix(3))")
        return (integrityOK == 10 && served == 10 && killed >= 5 && final.status == 0 && wal < 1 << 20, figure)
    }

    // MARK: re-index under load

    static func reindexUnderLoad(_ context: Context) throws -> (Bool, String) {
        let big = try context.bigIndex()
        try big.touchOrganizations()
        let tally = Tally()
        let done = Tally()
        let code = big.sampleCode
        let targets = [
            "/api/search?q=%E5%8D%8F%E4%BC%9A", "/orgs?page=2", "/api/orgs?type=%E7%A4%BE%E4%BC%9A%E5%9B%A2%E4%BD%93",
            "/orgs/\(code)", "/api/suggest?q=%E7%A4%BE%E4%BC%9A", "/healthz", "/api/search?q=%E5%9F%BA%E9%87%91%E4%BC%9A&type=org",
            "/notices", "/policies",
        ]
        let load = Thread {
            parallel(4) { worker in
                let client = HTTPClient(port: big.server.port)
                var i = worker
                while done["index"] == 0 {
                    let target = targets[i % targets.count]
                    do {
                        let answer = try client.get(target)
                        tally.add("requests")
                        if answer.status >= 500 {
                            tally.add("failed")
                            tally.example("\(target) → \(answer.status)")
                        }
                    } catch {
                        tally.add("requests")
                        tally.add("failed")
                        tally.example("\(target) → \(error)")
                    }
                    i += 1
                }
            }
            done.add("load")
        }
        load.start()
        usleep(500_000)
        let started = DispatchTime.now().uptimeNanoseconds
        let result = try context.run(["index", "--corpus", big.corpus.path, "--db", big.database, "--quiet"])
        let indexSeconds = millis(since: started) / 1000
        usleep(500_000)
        done.add("index")
        while done["load"] == 0 { usleep(20_000) }
        let total = try big.servedOrganizations()
        let figure =
            String(
                format: "%d requests during a %.1f s re-index of %d organizations: %d failed; index exit %d; %d organizations served after",
                tally["requests"], indexSeconds, big.organizations, tally["failed"], result.status, total)
            + (tally.examples.isEmpty ? "" : "; e.g. \(tally.examples)")
        return (tally["failed"] == 0 && tally["requests"] > 100 && result.status == 0 && total == big.organizations, figure)
    }
}

/// A generated corpus of 6,000 organizations, indexed, with a server on it (made once).
final class BigIndex {
    let corpus: URL
    let database: String
    let server: ServerProcess
    let organizations: Int
    let sampleCode: String

    init(context: Context) throws {
        corpus = context.work.appendingPathComponent("big")
        database = context.work.appendingPathComponent("big.sqlite").path
        let generated = try context.run(["generate", "--orgs", "6000", "--out", corpus.path])
        guard generated.status == 0 else { throw SuiteError("generate exited \(generated.status)") }
        let indexed = try context.run(["index", "--corpus", corpus.path, "--db", database, "--quiet"])
        guard indexed.status == 0 else { throw SuiteError("index of 6,000 organizations exited \(indexed.status): \(indexed.stderr.suffix(300))") }
        let queue = try DatabaseQueue(
            path: database,
            configuration: {
                var c = Configuration()
                c.readonly = true
                return c
            }())
        (organizations, sampleCode) = try queue.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM org") ?? 0, try String.fetchOne(db, sql: "SELECT code FROM org LIMIT 1") ?? "")
        }
        server = try ServerProcess(context: context, database: database)
    }

    /// Changes every organizations file (a trailing newline), so the next run re-indexes them.
    func touchOrganizations() throws {
        let directory = corpus.appendingPathComponent("orgs")
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            let handle = try FileHandle(forWritingTo: directory.appendingPathComponent(name))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data("\n".utf8))
            try handle.close()
        }
    }

    func integrity() throws -> String {
        let queue = try DatabaseQueue(
            path: database,
            configuration: {
                var c = Configuration()
                c.readonly = true
                return c
            }())
        return try queue.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ") }
    }

    /// `total` of /api/orgs from the running server.
    func servedOrganizations() throws -> Int {
        let body = FaultSuite.fetch(port: server.port, target: "/api/orgs?limit=1").body
        guard let object = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any], let total = object["total"] as? Int else {
            throw SuiteError("/api/orgs gave no total")
        }
        return total
    }
}

extension Context {
    private static var big: BigIndex?
    func bigIndex() throws -> BigIndex {
        if let big = Context.big { return big }
        let big = try BigIndex(context: self)
        Context.big = big
        return big
    }

    func stopBigIndex() { Context.big?.server.stop() }
}
