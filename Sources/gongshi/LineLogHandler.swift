import Foundation
import Logging

/// A swift-log backend that writes one line per message to standard error with a single
/// write(2): `2026-11-30T07:39:16Z info gongshi.http: GET / 200 412µs`. Lines under
/// PIPE_BUF bytes are written atomically, so threads need no lock. The server logs every
/// request, so a line is put together in one byte buffer with a hand-made UTC timestamp:
/// StreamLogHandler's strftime/localtime per line cost the server about a third of its
/// throughput on small responses, and even gmtime_r takes glibc's time zone lock.
struct LineLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    init(label: String) { self.label = label }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    // log(event:) rather than the older flat method: swift-log then skips working out
    // the source module from #fileID for every line, which this handler never prints.
    func log(event: LogEvent) {
        let level = event.level, metadata = event.metadata
        let text = event.message.description
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32 + label.utf8.count + text.utf8.count)
        Self.appendTimestamp(Int(time(nil)), to: &bytes)
        bytes.append(0x20)
        bytes.append(contentsOf: level.rawValue.utf8)
        bytes.append(0x20)
        bytes.append(contentsOf: label.utf8)
        bytes.append(contentsOf: ": ".utf8)
        bytes.append(contentsOf: text.utf8)
        if !self.metadata.isEmpty || metadata?.isEmpty == false {
            let extra = self.metadata.merging(metadata ?? [:]) { _, new in new }
            bytes.append(contentsOf: (" " + extra.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")).utf8)
        }
        bytes.append(0x0A)
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count, let base = buffer.baseAddress {
                let written = write(2, base + offset, buffer.count - offset)
                if written <= 0 { break }
                offset += written
            }
        }
    }

    /// `2026-11-30T07:39:16Z` for `seconds` since 1970, by H. Hinnant's days-to-civil
    /// arithmetic (proleptic Gregorian, as gmtime).
    static func appendTimestamp(_ seconds: Int, to out: inout [UInt8]) {
        let days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
        let second = seconds - days * 86400
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153   // 0 = March
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ value: Int) { out.append(UInt8(48 + value / 10)); out.append(UInt8(48 + value % 10)) }
        two(year / 100 % 100); two(year % 100); out.append(0x2D); two(month); out.append(0x2D); two(day)
        out.append(0x54)
        two(second / 3600); out.append(0x3A); two(second / 60 % 60); out.append(0x3A); two(second % 60)
        out.append(0x5A)
    }
}
