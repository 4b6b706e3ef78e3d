import GongshiStore

/// Decodes corpus files as Excel and editors in China write them: UTF-8 with or
/// without a byte-order mark, or GB18030 when the bytes are not valid UTF-8.
public enum CorpusText {
    public enum Encoding: String, Sendable { case utf8 = "UTF-8", gb18030 = "GB18030" }

    public static func decode(_ bytes: [UInt8]) -> (text: String, encoding: Encoding)? {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if let text = String(validating: body, as: UTF8.self) { return (text, .utf8) }
        // GB18030 is a superset of GBK and GB2312, so one decoder covers all three.
        guard let text = ChineseTokenizer.decodeGB18030(Array(body)) else { return nil }
        return (text, .gb18030)
    }
}
