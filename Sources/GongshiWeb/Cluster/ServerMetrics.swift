import CoreMetrics
import Foundation
import Prometheus

/// `/metrics` in Prometheus text format, recorded through swift-metrics with
/// swift-prometheus as the backend. Each node has a registry of its own (no global
/// `MetricsSystem.bootstrap`), so tests can run several servers in one process.
///
/// Route labels are the route patterns (`/orgs/{code}`), never raw paths, so the number
/// of series stays bounded whatever clients request.
public final class ServerMetrics: @unchecked Sendable {
    static let requestsLabel = "gongshi_http_requests_total"
    static let durationLabel = "gongshi_http_request_duration_seconds"

    private let registry = PrometheusCollectorRegistry()
    private let factory: PrometheusMetricsFactory
    private let lock = NSLock()
    /// Route and status: route names are the literals of the tables below, so building a
    /// key allocates nothing (this runs on every request).
    private struct Key: Hashable {
        let route: String
        let status: Int
    }
    private var counters: [Key: CoreMetrics.Counter] = [:]
    private var timers: [String: CoreMetrics.Timer] = [:]
    private let generation: CoreMetrics.Gauge
    private let connections: CoreMetrics.Gauge
    private let cacheHits: CoreMetrics.Counter
    private let cacheMisses: CoreMetrics.Counter
    private let abandoned: CoreMetrics.Counter
    private var reportedCache = (hits: 0, misses: 0)
    private var reportedAbandoned = 0
    private var connectionCount: (@Sendable () -> Int)?
    private var abandonedCount: (@Sendable () -> Int)?
    private var cacheStatistics: (@Sendable () -> (hits: Int, misses: Int))?

    public init() {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets[Self.durationLabel] = [
            .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
            .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5),
        ]
        self.factory = factory
        generation = CoreMetrics.Gauge(label: "gongshi_index_generation", factory: factory)
        connections = CoreMetrics.Gauge(label: "gongshi_http_open_connections", factory: factory)
        cacheHits = CoreMetrics.Counter(label: "gongshi_search_cache_hits_total", factory: factory)
        cacheMisses = CoreMetrics.Counter(label: "gongshi_search_cache_misses_total", factory: factory)
        abandoned = CoreMetrics.Counter(label: "gongshi_http_abandoned_requests_total", factory: factory)
    }

    /// Called by the server for every request it answered.
    public func observe(path: String, status: Int, nanoseconds: UInt64) {
        let route = Self.route(of: path)
        let key = Key(route: route, status: status)
        let (counter, timer): (CoreMetrics.Counter, CoreMetrics.Timer) = lock.withLock {
            let counter =
                counters[key]
                ?? {
                    let made = CoreMetrics.Counter(label: Self.requestsLabel, dimensions: [("route", route), ("status", String(status))], factory: factory)
                    counters[key] = made
                    return made
                }()
            let timer =
                timers[route]
                ?? {
                    let made = CoreMetrics.Timer(label: Self.durationLabel, dimensions: [("route", route)], factory: factory)
                    timers[route] = made
                    return made
                }()
            return (counter, timer)
        }
        counter.increment()
        timer.recordNanoseconds(Int64(clamping: nanoseconds))
    }

    public func setGeneration(_ value: Int64?) {
        if let value { generation.record(value) }
    }

    /// Where the open-connection count, the count of requests dropped because their client
    /// left while they waited, and the search cache counts come from (the server and the
    /// search engine); read when `/metrics` is asked for.
    public func connect(
        connections: (@Sendable () -> Int)? = nil, abandoned: (@Sendable () -> Int)? = nil,
        cache: (@Sendable () -> (hits: Int, misses: Int))? = nil
    ) {
        lock.withLock {
            if let connections { connectionCount = connections }
            if let abandoned { abandonedCount = abandoned }
            if let cache { cacheStatistics = cache }
        }
    }

    /// The text exposition of every metric.
    public func render() -> [UInt8] {
        let (count, cache, left) = lock.withLock { (connectionCount, cacheStatistics, abandonedCount) }
        if let count { connections.record(count()) }
        if let left {
            let now = left()
            let delta = lock.withLock { () -> Int in
                defer { reportedAbandoned = now }
                return max(now - reportedAbandoned, 0)
            }
            if delta > 0 { abandoned.increment(by: delta) }
        }
        if let cache {
            let now = cache()
            let delta = lock.withLock { () -> (Int, Int) in
                let delta = (max(now.hits - reportedCache.hits, 0), max(now.misses - reportedCache.misses, 0))
                reportedCache = now
                return delta
            }
            if delta.0 > 0 { cacheHits.increment(by: delta.0) }
            if delta.1 > 0 { cacheMisses.increment(by: delta.1) }
        }
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return buffer
    }

    static let exactRoutes: Set<String> = [
        "/", "/search", "/policies", "/ask", "/api/ask", "/prefs", "/healthz", "/metrics", "/robots.txt", "/orgs", "/credit/abnormal",
        "/credit/serious", "/notices", "/notices.atom", "/stats", "/sitemap.xml", "/api/orgs", "/api/suggest", "/api/credit/abnormal",
        "/api/credit/serious", "/api/notices", "/api/stats", "/api/search", "/api/policies", "/api/openapi.json", "/data/",
    ]

    static let prefixRoutes: [(prefix: String, route: String)] = [
        ("/static/", "/static/{file}"), ("/data/", "/data/{file}"), ("/api/policies/", "/api/policies/{id}"),
        ("/policies/", "/policies/{id}"), ("/api/orgs/", "/api/orgs/{code}"), ("/orgs/", "/orgs/{code}"),
        ("/api/notices/", "/api/notices/{id}"), ("/notices/", "/notices/{id}"), ("/sitemap-", "/sitemap-{n}.xml"),
    ]

    /// The route pattern of `path`; "other" for anything no route answers.
    static func route(of path: String) -> String {
        if exactRoutes.contains(path) { return path }
        for entry in prefixRoutes where path.hasPrefix(entry.prefix) { return entry.route }
        return "other"
    }
}
