import Foundation
import Testing

@testable import GongshiWeb

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 13: routed requests run on worker threads taken from one queue, in arrival order,
/// so a slow request holds up one worker rather than every connection that happened to
/// share its network thread; a request whose client left while it waited is not run; and
/// stopping answers what is queued.
@Suite(.serialized) struct WorkerQueueTests {
    typealias Client = ConnectionFaultTests.Client

    /// Paths and queries the router was asked for, in order.
    final class Calls: @unchecked Sendable {
        private let lock = NSLock()
        private var seen: [String] = []
        func add(_ call: String) { lock.withLock { seen.append(call) } }
        var all: [String] { lock.withLock { seen } }
    }

    /// A server whose requests with `?slow=MS` take MS milliseconds before routing.
    static func server(threads: Int, calls: Calls = Calls()) throws -> HTTPServer {
        let server = HTTPServer(router: try WebTestIndex.router())
        server.beforeRouting = { path, query in
            calls.add(path + (query.isEmpty ? "" : "?" + query.keys.sorted().joined(separator: "&")))
            if let slow = query["slow"].flatMap({ UInt32($0) }) { usleep(slow * 1000) }
        }
        var options = HTTPServer.Options()
        options.port = 0
        options.threads = threads
        try server.start(options)
        return server
    }

    static func get(_ target: String, close: Bool = true) -> [UInt8] {
        Array("GET \(target) HTTP/1.1\r\nHost: x\r\n\(close ? "Connection: close\r\n" : "")\r\n".utf8)
    }

    @Test func aSlowRequestHoldsUpOneWorkerOnly() throws {
        let server = try Self.server(threads: 2)
        defer { server.stop() }
        // Kept-alive connections opened first, like a browser's or wrk's. With libmicrohttpd's
        // thread pool each stayed with the thread that accepted it, so those sharing the slow
        // request's thread waited for it (~3 s) while the other thread had nothing to do.
        let slow = try Client(port: server.port)
        let kept = try (0..<12).map { _ in try Client(port: server.port) }
        for client in [slow] + kept {
            client.send(Self.get("/healthz", close: false))
            #expect(client.readHead().hasPrefix("HTTP/1.1 200"))
        }
        slow.send(Self.get("/healthz?slow=3000", close: false))
        usleep(100_000)
        let started = Date()
        for client in kept {
            client.send(Self.get("/healthz", close: false))
            #expect(client.readHead().hasPrefix("HTTP/1.1 200"))
        }
        let seconds = Date().timeIntervalSince(started)
        #expect(seconds < 1.5, "12 quick requests took \(seconds) s behind one slow one")
        #expect(slow.readHead().hasPrefix("HTTP/1.1 200"))
    }

    /// At low load the worker idle last takes the next request (a stack of idle workers), so
    /// one worker answers request after request on the core whose caches its last search
    /// warmed; woken in turn, four workers drifted between the cores and every search started
    /// cold. Requests one at a time over one connection, as a single client sends them.
    @Test func oneClientAtATimeIsAnsweredByTheSameWorker() throws {
        final class Threads: @unchecked Sendable {
            private let lock = NSLock()
            private var counts: [UInt: Int] = [:]
            func add() {
                let thread = UInt(pthread_self())
                lock.withLock { counts[thread, default: 0] += 1 }
            }
            var largestShare: Int { lock.withLock { counts.values.max() ?? 0 } }
        }
        let threads = Threads()
        let server = HTTPServer(router: try WebTestIndex.router())
        server.beforeRouting = { _, _ in threads.add() }
        var options = HTTPServer.Options()
        options.port = 0
        options.threads = 4
        try server.start(options)
        defer { server.stop() }
        let client = try Client(port: server.port)
        let requests = 40
        for _ in 0..<requests {
            client.send(Self.get("/healthz?x=1", close: false))
            #expect(client.readHead().hasPrefix("HTTP/1.1 200"))
            usleep(2_000)  // the worker is back among the idle ones, as between a person's requests
        }
        // In turn, each of the four would answer about a quarter.
        #expect(threads.largestShare >= requests * 9 / 10, "the busiest worker answered \(threads.largestShare) of \(requests)")
    }

    @Test func aRequestWhoseClientLeftIsNotRun() throws {
        let calls = Calls()
        let server = try Self.server(threads: 1, calls: calls)
        defer { server.stop() }
        let slow = try Client(port: server.port)
        slow.send(Self.get("/healthz?slow=2000"))
        usleep(100_000)
        do {
            let leaving = try Client(port: server.port)
            leaving.send(Self.get("/healthz?left"))
            usleep(200_000)  // read and queued behind the slow request; then the client closes
        }
        let after = try Client(port: server.port)
        after.send(Self.get("/healthz?after"))
        #expect(after.readHead().hasPrefix("HTTP/1.1 200"))
        #expect(slow.readHead().hasPrefix("HTTP/1.1 200"))
        #expect(calls.all == ["/healthz?slow", "/healthz?after"])
        #expect(server.abandonedRequests == 1)
    }

    @Test func stoppingAnswersTheQueuedRequests() throws {
        let server = try Self.server(threads: 1)
        let first = try Client(port: server.port)
        first.send(Self.get("/healthz?slow=500"))
        let second = try Client(port: server.port)
        second.send(Self.get("/healthz?slow=500"))
        usleep(100_000)
        let stopped = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            server.stop()
            stopped.signal()
        }
        #expect(first.readHead().hasPrefix("HTTP/1.1 200"))
        #expect(second.readHead().hasPrefix("HTTP/1.1 200"))
        #expect(stopped.wait(timeout: .now() + 10) == .success)
    }
}
