import Dispatch
import Foundation

/// Whole log lines collected in memory and written to standard error together: when 16 KB
/// are waiting, when a line waited a second (a timer checks), before a warning or error
/// line, and at shutdown. One write(2) per access-log line was the largest cost of serving
/// a small static file that was ours; nginx's `access_log … buffer= flush=` makes the same
/// trade. A crash can lose the last second of lines, never part of one.
final class LogBuffer: @unchecked Sendable {
    static let capacity = 16 * 1024
    static let maxDelay: DispatchTimeInterval = .seconds(1)

    private var pending: [UInt8] = []
    private let lock = NSLock()
    private var timer: DispatchSourceTimer?

    init() {
        pending.reserveCapacity(Self.capacity + 512)
        let timer = DispatchSource.makeTimerSource(queue: .global(qos: .utility))
        timer.schedule(deadline: .now() + Self.maxDelay, repeating: Self.maxDelay)
        timer.setEventHandler { [weak self] in self?.flush() }
        timer.resume()
        self.timer = timer
    }

    deinit { timer?.cancel() }

    /// Adds one line (with its newline); writes everything when the buffer is full.
    func append(_ line: UnsafeBufferPointer<UInt8>) {
        lock.withLock {
            pending.append(contentsOf: line)
            if pending.count >= Self.capacity { writeLocked() }
        }
    }

    /// Writes what is waiting, then `line` if given, in that order.
    func flush(then line: UnsafeBufferPointer<UInt8>? = nil) {
        lock.withLock {
            if let line { pending.append(contentsOf: line) }
            writeLocked()
        }
    }

    private func writeLocked() {
        var offset = 0
        pending.withUnsafeBytes { bytes in
            while offset < bytes.count, let base = bytes.baseAddress {
                let written = write(2, base + offset, bytes.count - offset)
                if written <= 0 { break }
                offset += written
            }
        }
        pending.removeAll(keepingCapacity: true)
    }
}
