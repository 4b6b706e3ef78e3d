/// A 办事指南 (how to get something done at the registration authority) as data: each
/// condition, step, material, time limit, fee and place cites the article it comes from,
/// with the words quoted exactly (the indexer checks the quote is in that article).
public struct Guide: Codable, Sendable, Equatable {
    /// The parts of a guide, in the order a page shows them.
    public enum Section: String, Codable, Sendable, CaseIterable {
        case conditions = "办理条件"
        case steps = "办理流程"
        case materials = "申请材料"
        case timeLimits = "办理时限"
        case fees = "收费标准"
        case authority = "办理机关"
    }

    /// Where an item comes from: `document`#`anchor` and the words quoted from it.
    public struct Citation: Codable, Sendable, Equatable {
        public var document: String
        public var anchor: String
        public var quote: String

        public init(document: String, anchor: String, quote: String) {
            self.document = document
            self.anchor = anchor
            self.quote = quote
        }
    }

    public struct Item: Codable, Sendable, Equatable {
        public var section: Section
        public var text: String
        public var citation: Citation

        public init(section: Section, text: String, citation: Citation) {
            self.section = section
            self.text = text
            self.citation = citation
        }
    }

    /// The file name without `.md`.
    public var id: String
    public var title: String
    /// 社会团体, 民办非企业单位 or 基金会.
    public var organizationType: String
    /// 成立登记, 变更登记, 注销登记, 年度检查.
    public var topic: String
    public var summary: String
    public var items: [Item]

    public init(id: String, title: String, organizationType: String, topic: String, summary: String, items: [Item]) {
        self.id = id
        self.title = title
        self.organizationType = organizationType
        self.topic = topic
        self.summary = summary
        self.items = items
    }
}
