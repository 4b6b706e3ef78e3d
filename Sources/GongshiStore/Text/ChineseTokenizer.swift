import CChineseTokenizer

/// One token as the FTS5 index sees it: folded text plus byte offsets into the original.
public struct Token: Equatable, Sendable, CustomStringConvertible {
    public let text: String
    /// Byte offsets into the original UTF-8 text.
    public let start: Int
    public let end: Int
    /// Shares the position of the previous token (a whole word beside its first character).
    public let colocated: Bool

    public init(_ text: String, _ start: Int, _ end: Int, colocated: Bool = false) {
        self.text = text
        self.start = start
        self.end = end
        self.colocated = colocated
    }

    public var description: String { "\(colocated ? "+" : "")\(text)@\(start)-\(end)" }
}

/// Swift face of the C tokenizer, for query analysis and tests. One instance is not
/// thread-safe (ICU break iterators keep state): give each thread or connection its own.
public final class ChineseTokenizer {
    public enum Mode: Sendable {
        /// Characters and colocated whole words, without bigrams (FTS5 stores `index`).
        case document
        /// Characters only, or one whole-word token after `wordMarker` (FTS5 queries use
        /// `phrase`).
        case query
        /// Dictionary words, one token each: to build ranked whole-word queries.
        case words
        /// What FTS5 stores: `document` plus a colocated bigram (prefixed with
        /// `bigramPrefix`) at each Han character that another follows.
        case index
        /// What FTS5 makes of a quoted query phrase: a bigram at each Han character that
        /// another follows, else the character (same positions, far shorter doclists).
        case phrase
        /// `phrase` without its last token when that is a character the bigram before it
        /// implies: what FTS5 makes of a phrase that starts with `shortPhraseMarker`.
        case shortPhrase
        /// `document` without colocated tokens: what FTS5's snippet() and highlight() get.
        case characters
        /// `characters` plus the colocated bigrams of `index`: every token a phrase can
        /// match at each position (snippets made without FTS5).
        case marking

        var cValue: GongshiTokenizeMode {
            switch self {
            case .document: return GONGSHI_MODE_DOCUMENT
            case .query: return GONGSHI_MODE_QUERY
            case .words: return GONGSHI_MODE_WORDS
            case .index: return GONGSHI_MODE_INDEX
            case .phrase: return GONGSHI_MODE_PHRASE
            case .shortPhrase: return GONGSHI_MODE_SHORT_PHRASE
            case .characters: return GONGSHI_MODE_CHARACTERS
            case .marking: return GONGSHI_MODE_MARKING
            }
        }
    }

    /// Prefix that makes the index tokenizer treat a query string as one whole word.
    public static let wordMarker = "\u{E000}"
    /// Prefix that makes the index tokenizer match a query phrase as `shortPhrase`: the
    /// same rows without reading the long doclist of the phrase's last character.
    public static let shortPhraseMarker = "\u{E001}"
    /// First character of bigram tokens in the index.
    public static let bigramPrefix = "\u{1}"

    let handle: OpaquePointer

    /// `segmentCache: false` makes ICU segment every text whole instead of caching the
    /// segmentation of Han runs; the tokens are the same (tests compare the two).
    public init(segmentCache: Bool = true) throws(StoreError) {
        guard let handle = gongshi_tokenizer_create() else {
            throw StoreError(kind: .tokenizer, message: "ICU could not create the word break iterator or the Traditional-Simplified transliterator")
        }
        self.handle = handle
        if !segmentCache { gongshi_tokenizer_set_segment_cache(handle, 0) }
    }

    deinit { gongshi_tokenizer_delete(handle) }

    /// Tokenizes raw UTF-8 bytes (which may be invalid UTF-8). Throws when ICU or an
    /// allocation fails, or the input is beyond the C API's 2 GB.
    public func tokenize(utf8 bytes: [UInt8], mode: Mode = .document) throws(StoreError) -> [Token] {
        final class Sink { var tokens: [Token] = [] }
        guard bytes.count <= Int(Int32.max) else {
            throw StoreError(kind: .tokenizer, message: "text of \(bytes.count) bytes is too long to tokenize")
        }
        let sink = Sink()
        let callback: GongshiTokenCallback = { context, flags, token, length, start, end in
            guard let context, let token else { return 0 }
            let sink = Unmanaged<Sink>.fromOpaque(context).takeUnretainedValue()
            let buffer = UnsafeRawBufferPointer(start: token, count: Int(length))
            let text = String(decoding: buffer, as: UTF8.self)
            sink.tokens.append(Token(text, Int(start), Int(end), colocated: flags & GONGSHI_TOKEN_COLOCATED != 0))
            return 0
        }
        let rc = bytes.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
            return gongshi_tokenizer_tokenize(
                handle, mode.cValue, base, Int32(buffer.count),
                Unmanaged.passUnretained(sink).toOpaque(), callback)
        }
        guard rc == 0 else { throw StoreError(kind: .tokenizer, message: "tokenizer failed with SQLite result code \(rc)") }
        return sink.tokens
    }

    /// Tokens for query analysis, where a failure (out of memory, ICU) means no terms:
    /// the caller then finds nothing instead of failing the request.
    public func tokens(utf8 bytes: [UInt8], mode: Mode = .document) -> [Token] {
        (try? tokenize(utf8: bytes, mode: mode)) ?? []
    }

    public func tokens(_ text: String, mode: Mode = .document) -> [Token] {
        tokens(utf8: Array(text.utf8), mode: mode)
    }

    /// Dictionary words of `text`, folded (lower-case, Simplified), punctuation dropped.
    public func words(_ text: String) -> [String] {
        tokens(text, mode: .words).map(\.text)
    }

    /// Toneless pinyin, syllables separated by spaces ("社会" -> "she hui"); nil on failure.
    public func pinyin(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        var capacity = bytes.count * 8 + 64
        for _ in 0..<2 {
            var out = [CChar](repeating: 0, count: capacity)
            let n = bytes.withUnsafeBufferPointer { input in
                input.withMemoryRebound(to: CChar.self) { chars in
                    gongshi_tokenizer_pinyin(handle, chars.baseAddress, Int32(chars.count), &out, Int32(capacity))
                }
            }
            if n >= 0 { return String(decoding: out.prefix(Int(n)).map { UInt8(bitPattern: $0) }, as: UTF8.self) }
            capacity *= 4
        }
        return nil
    }

    /// Decodes GB18030 bytes (as Excel writes CSV in China) to a String; nil on failure.
    public static func decodeGB18030(_ bytes: [UInt8]) -> String? {
        if bytes.isEmpty { return "" }
        var capacity = bytes.count * 2 + 16
        for _ in 0..<2 {
            var out = [CChar](repeating: 0, count: capacity)
            let n = bytes.withUnsafeBufferPointer { input in
                input.withMemoryRebound(to: CChar.self) { chars in
                    gongshi_gb18030_to_utf8(chars.baseAddress, Int32(chars.count), &out, Int32(capacity))
                }
            }
            if n < 0 { return nil }
            if Int(n) <= capacity {
                return String(decoding: out.prefix(Int(n)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            }
            capacity = Int(n) + 16
        }
        return nil
    }
}
