/// A response body the server reads from a file: `length` bytes from `offset`. The file is
/// opened when the response is sent (see `HTTPServer.withCResponse`), so handlers hold no
/// descriptor and a 10 GB download never passes through memory.
public struct FileBody: Sendable, Equatable {
    public let path: String
    public let offset: UInt64
    public let length: UInt64

    public init(path: String, offset: UInt64, length: UInt64) {
        self.path = path
        self.offset = offset
        self.length = length
    }
}
