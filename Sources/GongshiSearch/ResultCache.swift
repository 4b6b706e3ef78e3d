import Foundation

/// A bounded cache of computed results for one index generation.
///
/// Entries are keyed by request; a lookup or insert for a newer generation drops
/// everything older, so a result is never served from an index that has been replaced.
/// Bounded by entry count and by an estimate of bytes; when full, the least recently
/// used half goes (eviction is rare and cheap next to computing a result).
final class ResultCache<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    private struct Entry {
        let value: Value
        let bytes: Int
        var lastUse: UInt64
    }

    let capacity: Int
    let maxBytes: Int
    private var entries: [Key: Entry] = [:]
    private var generation: Int64 = .min
    private var bytes = 0
    private var clock: UInt64 = 0
    private let lock = NSLock()
    /// Answers found, and results computed and stored (for /metrics).
    private var hits = 0, misses = 0

    init(capacity: Int, maxBytes: Int) {
        self.capacity = max(capacity, 0)
        self.maxBytes = max(maxBytes, 0)
    }

    var isEnabled: Bool { capacity > 0 }

    func value(for key: Key, generation: Int64) -> Value? {
        guard isEnabled else { return nil }
        return lock.withLock {
            guard generation == self.generation, var entry = entries[key] else { return nil }
            hits += 1
            clock &+= 1
            entry.lastUse = clock
            entries[key] = entry
            return entry.value
        }
    }

    func insert(_ value: Value, bytes size: Int, for key: Key, generation: Int64) {
        guard isEnabled, size <= maxBytes / 4 else { return }
        lock.withLock {
            if generation > self.generation {
                entries.removeAll(keepingCapacity: true)
                bytes = 0
                self.generation = generation
            }
            guard generation == self.generation else { return }  // computed on an older index
            misses += 1
            if entries.count >= capacity || bytes + size > maxBytes { evictOlderHalf() }
            clock &+= 1
            if let old = entries.updateValue(Entry(value: value, bytes: size, lastUse: clock), forKey: key) { bytes -= old.bytes }
            bytes += size
        }
    }

    var count: Int { lock.withLock { entries.count } }

    var statistics: (hits: Int, misses: Int) { lock.withLock { (hits, misses) } }

    private func evictOlderHalf() {
        let uses = entries.values.map(\.lastUse).sorted()
        guard !uses.isEmpty else { return }
        let cutoff = uses[uses.count / 2]
        entries = entries.filter { $0.value.lastUse > cutoff }
        bytes = entries.values.reduce(0) { $0 + $1.bytes }
    }
}
