import Foundation

/// A value read and written under a lock (a Mutex without its macOS 15 requirement).
public final class Locked<Value: Sendable>: @unchecked Sendable {
    private var stored: Value
    private let lock = NSLock()

    public init(_ value: Value) { stored = value }

    public var value: Value {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }

    func lockedAccess<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&stored)
    }
}

extension Locked {
    /// Reads and changes the value in one step under the lock (a check-then-set that a
    /// separate get and set would race on).
    public func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        try lockedAccess(body)
    }
}
