import Foundation
import Logging

/// A swift-log backend that writes one line per message to standard error:
/// `2026-11-30T07:39:16Z info gongshi.http: GET / 200 412µs`, either with a single write(2)
/// per line (lines under PIPE_BUF bytes are written atomically, so threads need no lock)
/// or through a `LogBuffer` that writes whole lines in batches. The server logs every
/// request, so a line is put together in one byte buffer with a hand-made UTC timestamp:
/// StreamLogHandler's strftime/localtime per line cost the server about a third of its
/// throughput on small responses, and even gmtime_r takes glibc's time zone lock.
struct LineLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]
    /// Where info and lower lines wait to be written together; nil writes each line at
    /// once (standard error is a terminal, or tests).
    let buffer: LogBuffer?

    init(label: String, buffer: LogBuffer? = nil) {
        self.label = label
        self.buffer = buffer
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    // log(event:) rather than the older flat method: swift-log then skips working out
    // the source module from #fileID for every line, which this handler never prints.
    func log(event: LogEvent) {
        var text = event.message.description
        if !self.metadata.isEmpty || event.metadata?.isEmpty == false {
            let extra = self.metadata.merging(event.metadata ?? [:]) { _, new in new }
            text += " " + extra.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        }
        var label = self.label
        let level = event.level.rawValue.utf8
        // The line goes together in a temporary buffer (on the stack when it is short).
        let capacity = 20 + 1 + level.count + 1 + label.utf8.count + 2 + text.utf8.count + 1
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
            var n = Self.putTimestamp(Int(time(nil)), into: buffer)
            func put(_ bytes: UnsafeBufferPointer<UInt8>) {
                n = UnsafeMutableBufferPointer(rebasing: buffer[n...]).initialize(fromContentsOf: bytes) + n
            }
            func put(_ byte: UInt8) {
                buffer[n] = byte
                n += 1
            }
            put(0x20)
            for byte in level { put(byte) }
            put(0x20)
            label.withUTF8 { put($0) }
            put(0x3A)
            put(0x20)
            text.withUTF8 { put($0) }
            put(0x0A)
            let line = UnsafeBufferPointer(rebasing: buffer[..<n])
            if let sink = self.buffer {
                // A warning or error goes out at once, after the lines before it.
                if event.level >= .warning { sink.flush(then: line) } else { sink.append(line) }
                return
            }
            var offset = 0
            while offset < n, let base = buffer.baseAddress {
                let written = write(2, base + offset, n - offset)
                if written <= 0 { break }
                offset += written
            }
        }
    }

    /// Writes `2026-11-30T07:39:16Z` (20 bytes) for `seconds` since 1970 at the start of
    /// `out` and returns its length, by H. Hinnant's days-to-civil arithmetic (proleptic
    /// Gregorian, as gmtime).
    static func putTimestamp(_ seconds: Int, into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        let days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
        let second = seconds - days * 86400
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153  // 0 = March
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        var n = 0
        func put(_ byte: UInt8) {
            out[n] = byte
            n += 1
        }
        func two(_ value: Int) {
            put(UInt8(48 + value / 10 % 10))
            put(UInt8(48 + value % 10))
        }
        two(year / 100)
        two(year)
        put(0x2D)
        two(month)
        put(0x2D)
        two(day)
        put(0x54)
        two(second / 3600)
        put(0x3A)
        two(second / 60 % 60)
        put(0x3A)
        two(second % 60)
        put(0x5A)
        return n
    }
}
