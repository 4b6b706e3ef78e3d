import GongshiStore

/// One 办事指南 as a page shows it: the items grouped by section, each with the article it
/// cites (document title, label such as 第十一条, the version of the text) and the words quoted.
public struct GuideDetail: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var text: String
        public var documentId: String
        public var anchor: String
        /// 社会团体登记管理条例.
        public var documentTitle: String
        /// 第十一条, or 三、(一) for a section of a policy document.
        public var label: String
        /// 2016-02-06 修订, or the promulgation date when the text was never revised.
        public var version: String?
        public var quote: String
    }

    public struct Part: Sendable, Equatable {
        public var section: Guide.Section
        public var entries: [Entry]
    }

    public var summary: GuideSummary
    public var parts: [Part]
}

/// What a list of guides shows of each.
public struct GuideSummary: Sendable, Equatable {
    public var id: String
    public var title: String
    public var organizationType: String
    public var topic: String
    public var summary: String

    init(_ guide: Guide) {
        id = guide.id
        title = guide.title
        organizationType = guide.organizationType
        topic = guide.topic
        summary = guide.summary
    }
}
