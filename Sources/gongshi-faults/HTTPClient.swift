import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A blocking HTTP/1.1 client on raw sockets: keep-alive, a chosen source address
/// (127.0.0.2 is "another client" to the server's per-address limit), every failure
/// counted rather than hidden.
final class HTTPClient {
    struct Answer {
        var status: Int
        var head: String
        var bodyBytes: Int
    }
    enum Failure: Error, Equatable { case connect(String), send, closed, timeout, malformed }

    let port: UInt16
    let source: String
    let timeout: Int
    private var fd: Int32 = -1
    private var buffer: [UInt8] = []

    init(port: UInt16, source: String = "127.0.0.1", timeout: Int = 10) {
        self.port = port
        self.source = source
        self.timeout = timeout
    }

    deinit { close() }

    func close() {
        if fd >= 0 { Glibc.close(fd) }
        fd = -1
        buffer.removeAll()
    }

    /// A connected socket from `source` to 127.0.0.1:`port` (non-blocking when asked).
    static func connect(port: UInt16, source: String, timeout: Int = 10) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure.connect("socket: \(String(cString: strerror(errno)))") }
        var tv = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var local = sockaddr_in()
        local.sin_family = sa_family_t(AF_INET)
        local.sin_addr.s_addr = inet_addr(source)
        var remote = sockaddr_in()
        remote.sin_family = sa_family_t(AF_INET)
        remote.sin_port = port.bigEndian
        remote.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &local) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        let connected = withUnsafePointer(to: &remote) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, connected == 0 else {
            let why = String(cString: strerror(errno))
            Glibc.close(fd)
            throw Failure.connect(why)
        }
        return fd
    }

    /// Sends `request` (a whole request head, and body if any) and reads one answer.
    /// A kept-alive connection the server closed in between is reopened once.
    func exchange(_ request: [UInt8], isHead: Bool = false) throws -> Answer {
        for attempt in 0..<2 {
            let reused = fd >= 0
            if fd < 0 { fd = try Self.connect(port: port, source: source, timeout: timeout) }
            do {
                try sendAll(request)
                let answer = try readAnswer(isHead: isHead)
                if answer.head.lowercased().contains("\r\nconnection: close") { close() }
                return answer
            } catch let error as Failure {
                close()
                // Only a reused connection may have been closed by the server while idle.
                if !(reused && attempt == 0 && (error == .closed || error == .send)) { throw error }
            }
        }
        throw Failure.closed
    }

    func get(_ target: String, headers: String = "") throws -> Answer {
        try exchange(Array("GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n\(headers)\r\n".utf8))
    }

    private func sendAll(_ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { throw Failure.send }
            sent += n
        }
    }

    private func fill() throws {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let n = recv(fd, &chunk, chunk.count, 0)
        if n == 0 { throw Failure.closed }
        if n < 0 { throw errno == EAGAIN || errno == EWOULDBLOCK ? Failure.timeout : Failure.closed }
        buffer += chunk[0..<n]
    }

    private func readAnswer(isHead: Bool) throws -> Answer {
        var end: Int?
        var from = 0
        while end == nil {
            if buffer.count >= 4 {
                for i in from...(buffer.count - 4) where buffer[i] == 13 && buffer[i + 1] == 10 && buffer[i + 2] == 13 && buffer[i + 3] == 10 {
                    end = i
                    break
                }
                from = max(0, buffer.count - 3)
            }
            if end == nil { try fill() }
        }
        let headEnd = end! + 4
        let head = String(decoding: buffer[..<end!], as: UTF8.self)
        let parts = head.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let status = Int(parts[1]) else { throw Failure.malformed }
        var length = 0
        for line in head.split(separator: "\r\n") where line.lowercased().hasPrefix("content-length:") {
            length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) ?? 0
        }
        if isHead || status == 304 || status == 204 { length = 0 }
        while buffer.count < headEnd + length { try fill() }
        buffer.removeFirst(headEnd + length)
        return Answer(status: status, head: head, bodyBytes: length)
    }
}

/// Milliseconds between two `DispatchTime.now()` readings.
func millis(since start: UInt64) -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6 }

func percentile(_ values: [Double], _ p: Double) -> Double {
    guard !values.isEmpty else { return 0 }
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
}
