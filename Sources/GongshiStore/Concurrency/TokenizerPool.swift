import Foundation

/// Idle tokenizers for concurrent searches: a search takes one (or makes one when all
/// are busy) and gives it back, so at most as many exist as searches ever ran at once.
/// Unchecked: `idle` is only touched under the lock, and a tokenizer taken out of it is
/// used by the one search holding it.
public final class TokenizerPool: @unchecked Sendable {
    private var idle: [ChineseTokenizer] = []
    private let lock = NSLock()

    public init() {}

    public func put(_ tokenizer: ChineseTokenizer) {
        lock.withLock { idle.append(tokenizer) }
    }

    public func with<T>(_ body: (ChineseTokenizer) throws -> T) throws -> T {
        let tokenizer = try lock.withLock { idle.popLast() } ?? ChineseTokenizer()
        defer { put(tokenizer) }
        return try body(tokenizer)
    }
}
