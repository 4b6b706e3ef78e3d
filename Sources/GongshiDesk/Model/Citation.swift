/// An article or section a reply rests on, kept as it stood when it was cited: the
/// document, the label, the very text quoted and the index generation it came from, so a
/// later revision of the regulation never changes what the enquirer was told.
public struct Citation: Sendable, Codable, Equatable {
    public var documentID: String
    public var documentTitle: String
    /// 现行有效, 已废止, … as the index said when cited.
    public var documentStatus: String?
    /// 第十条, or a section label.
    public var label: String
    public var quotedText: String
    public var generation: Int64

    public init(documentID: String, documentTitle: String, documentStatus: String?, label: String, quotedText: String, generation: Int64) {
        self.documentID = documentID
        self.documentTitle = documentTitle
        self.documentStatus = documentStatus
        self.label = label
        self.quotedText = quotedText
        self.generation = generation
    }

    enum CodingKeys: String, CodingKey {
        case documentID = "document_id", documentTitle = "document_title", documentStatus = "document_status"
        case label, quotedText = "quoted_text", generation
    }

    /// 《社会团体登记管理条例》第十条
    public var reference: String { "《\(documentTitle)》\(label)" }
}
