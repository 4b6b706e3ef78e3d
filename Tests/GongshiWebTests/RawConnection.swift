import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A blocking TCP client on loopback, for checking what URLSession hides (keep-alive).
final class RawConnection {
    struct Failure: Error { let message: String }
    private let fd: Int32
    private var buffer: [UInt8] = []

    init(port: UInt16) throws {
        guard let fd = Self.connectLoopback(port: port, receiveTimeout: 10) else { throw Failure(message: "connect") }
        self.fd = fd
    }

    /// A TCP socket connected to 127.0.0.1:`port` with a receive timeout; nil when it fails
    /// (the one loopback connect of the web tests).
    static func connectLoopback(port: UInt16, receiveTimeout seconds: Int) -> Int32? {
        let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        var timeout = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard rc == 0 else {
            Glibc.close(fd)
            return nil
        }
        return fd
    }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        guard Glibc.send(fd, bytes, bytes.count, 0) == bytes.count else { throw Failure(message: "send") }
    }

    /// Reads one response with a Content-Length body; `hasBody: false` for the answer to a
    /// HEAD (or a 304), whose Content-Length announces a body that is not sent.
    func readResponse(hasBody: Bool = true) throws -> (head: String, body: [UInt8]) {
        let separator: [UInt8] = [13, 10, 13, 10]
        var end: Int?
        while end == nil {
            end = buffer.indices.dropLast(3).first { Array(buffer[$0..<$0 + 4]) == separator }
            if end == nil { try fill() }
        }
        let headEnd = end! + 4
        let head = String(decoding: buffer[..<headEnd], as: UTF8.self)
        guard let lengthLine = head.split(separator: "\r\n").first(where: { $0.lowercased().hasPrefix("content-length:") }),
            let length = Int(lengthLine.split(separator: ":")[1].trimmingCharacters(in: .whitespaces))
        else {
            throw Failure(message: "no Content-Length in \(head)")
        }
        if !hasBody {
            buffer.removeFirst(headEnd)
            return (head, [])
        }
        while buffer.count < headEnd + length { try fill() }
        let body = Array(buffer[headEnd..<headEnd + length])
        buffer.removeFirst(headEnd + length)
        return (head, body)
    }

    private func fill() throws {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let n = Glibc.recv(fd, &chunk, chunk.count, 0)
        guard n > 0 else { throw Failure(message: "connection closed by the server") }
        buffer += chunk[0..<n]
    }

    func close() { Glibc.close(fd) }
}
