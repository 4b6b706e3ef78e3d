import Dispatch
import Foundation
import GongshiStore

/// What a node tells the load balancer and operators about itself: its index generation,
/// record counts and uptime (`/healthz`, the `X-Gongshi-Generation` header), the snapshot
/// it serves (`/data/`), and its metrics (`/metrics`).
///
/// A node started with `serve --snapshot` has one fixed generation, read from the verified
/// manifest; a node on a live database (`serve --db`) reads the generation on each use,
/// as an `index` run may commit a new one while it serves.
public final class NodeStatus: @unchecked Sendable {
    /// The snapshot served, nil for `serve --db`.
    public let snapshot: PublishedSnapshot?
    public let metrics: ServerMetrics
    private let started = DispatchTime.now()
    private let database: GongshiDatabase?
    private let generationReader: IndexGenerationReader?
    private let lock = NSLock()
    private var cachedCounts: (generation: Int64?, counts: SnapshotManifest.Counts)?

    /// A node serving a verified snapshot.
    public init(snapshot: PublishedSnapshot) {
        self.snapshot = snapshot
        database = nil
        generationReader = nil
        metrics = ServerMetrics()
        metrics.setGeneration(snapshot.manifest.generation)
    }

    /// A node on a live database.
    public init(database: GongshiDatabase) {
        snapshot = nil
        self.database = database
        generationReader = IndexGenerationReader(path: database.path)
        metrics = ServerMetrics()
    }

    /// The index generation; nil when it cannot be read.
    public var generation: Int64? {
        if let snapshot { return snapshot.manifest.generation }
        return generationReader?.current()
    }

    /// Fixed for the life of the process: a snapshot node.
    public var hasFixedGeneration: Bool { snapshot != nil }

    public var uptimeSeconds: Double { Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9 }

    /// Record counts; for a live database counted once per generation (counting a
    /// million rows on every health check would cost more than the check).
    public func counts() -> SnapshotManifest.Counts? {
        if let snapshot { return snapshot.manifest.counts }
        let current = generation
        if let cached = lock.withLock({ cachedCounts }), cached.generation == current { return cached.counts }
        guard let counts = try? database?.snapshotCounts() else { return nil }
        lock.withLock { cachedCounts = (current, counts) }
        return counts
    }

    /// The body of `/healthz`.
    struct Health: Encodable {
        let status: String
        let generation: Int64?
        let counts: SnapshotManifest.Counts?
        let uptimeSeconds: Double
        let mode: String
        let snapshotCreated: String?

        enum CodingKeys: String, CodingKey {
            case status, generation, counts, uptimeSeconds = "uptime_seconds", mode, snapshotCreated = "snapshot_created"
        }
    }

    func health() -> Health {
        let generation = self.generation
        metrics.setGeneration(generation)
        return Health(
            status: "ok", generation: generation, counts: counts(), uptimeSeconds: (uptimeSeconds * 1000).rounded() / 1000,
            mode: snapshot == nil ? "database" : "snapshot", snapshotCreated: snapshot?.manifest.created)
    }
}
