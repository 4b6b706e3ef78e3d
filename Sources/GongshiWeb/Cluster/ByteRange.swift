import Foundation

/// One byte range of a `Range: bytes=…` header (RFC 9110 §14), resolved against the
/// file's size. Several ranges in one header are answered with the whole file (allowed:
/// a server may ignore Range), so no multipart bodies.
struct ByteRange: Equatable {
    let first: UInt64
    let last: UInt64
    var length: UInt64 { last - first + 1 }

    enum Outcome: Equatable {
        /// No usable Range header: send the whole file.
        case whole
        case partial(ByteRange)
        /// A range that starts beyond the end: 416.
        case unsatisfiable
    }

    static func parse(_ header: String?, size: UInt64) -> Outcome {
        guard let header, header.utf8.count <= 200 else { return .whole }
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        guard trimmed.lowercased().hasPrefix("bytes=") else { return .whole }
        let spec = trimmed.dropFirst(6).trimmingCharacters(in: .whitespaces)
        guard !spec.contains(","), let dash = spec.firstIndex(of: "-") else { return .whole }
        let start = spec[..<dash].trimmingCharacters(in: .whitespaces)
        let end = spec[spec.index(after: dash)...].trimmingCharacters(in: .whitespaces)
        func number(_ text: String) -> UInt64? {
            guard !text.isEmpty, text.utf8.count <= 19, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
            return UInt64(text)
        }
        if start.isEmpty {  // bytes=-N: the last N bytes
            guard let suffix = number(end) else { return .whole }
            guard suffix > 0, size > 0 else { return .unsatisfiable }
            return .partial(ByteRange(first: size - min(suffix, size), last: size - 1))
        }
        guard let first = number(start) else { return .whole }
        guard first < size else { return .unsatisfiable }
        if end.isEmpty { return .partial(ByteRange(first: first, last: size - 1)) }
        guard let last = number(end), last >= first else { return .whole }
        return .partial(ByteRange(first: first, last: min(last, size - 1)))
    }
}
