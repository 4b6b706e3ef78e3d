/// A regulation or policy document with the facts of its front matter.
public struct PolicyDocument: Sendable, Equatable {
    public var id: String
    /// `regulation` (laws, regulations, rules) or `policy` (normative documents).
    public var kind: String
    public var title: String
    public var level: String?
    public var issuer: String?
    public var docNumber: String?
    public var promulgated: String?
    public var effective: String?
    public var revised: String?
    /// 现行有效, 已修改, 已废止 or 尚未生效.
    public var status: String?
    public var disclosure: String?
    public var region: String?
    /// Provenance of the text as kept in the corpus (repository@commit:path, for SOURCES.md).
    public var source: String?
    /// What a reader is shown as 来源: the publisher's name and, where known, a public URL.
    public var sourceName: String?
    public var sourceURL: String?
    /// Text before the first article or numbered section.
    public var preamble: String
    public var body: String
    public var units: [DocumentUnit]

    public init(id: String, kind: String, title: String, preamble: String = "", body: String = "", units: [DocumentUnit] = []) {
        self.id = id
        self.kind = kind
        self.title = title
        self.preamble = preamble
        self.body = body
        self.units = units
    }

    public static let statuses = ["现行有效", "已修改", "已废止", "尚未生效"]
}

/// An answerable piece of a document: an article (第十条) or a numbered section (三、(一)).
public struct DocumentUnit: Sendable, Equatable {
    public enum Kind: String, Sendable { case article, section }
    public var kind: Kind
    /// 第十条, or 三、(一) for sections.
    public var label: String
    /// Article number (10 for 第十条); nil for sections.
    public var number: Int?
    /// 第二章 登记 (with 节 appended when present), or the level-1 section heading.
    public var chapter: String?
    /// Fragment id in the document page: a10, s3-1.
    public var anchor: String
    public var text: String
    /// Character offsets of the unit in the document body.
    public var startOffset: Int
    public var endOffset: Int

    public init(kind: Kind, label: String, number: Int?, chapter: String?, anchor: String, text: String, startOffset: Int, endOffset: Int) {
        self.kind = kind
        self.label = label
        self.number = number
        self.chapter = chapter
        self.anchor = anchor
        self.text = text
        self.startOffset = startOffset
        self.endOffset = endOffset
    }
}
