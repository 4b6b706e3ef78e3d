import GongshiDisclosure
import GongshiStore

/// /api/guides: the guides (all, or those about `query`), each with its page.
struct GuideListBody: Encodable, Sendable {
    struct Item: Encodable, Sendable {
        let id: String
        let title: String
        let organizationType: String
        let topic: String
        let summary: String
        let url: String

        init(_ g: GuideSummary) {
            id = g.id
            title = g.title
            organizationType = g.organizationType
            topic = g.topic
            summary = g.summary
            url = URLBuilder.guide(g.id)
        }

        enum CodingKeys: String, CodingKey {
            case id, title, topic, summary, url
            case organizationType = "organization_type"
        }
    }

    let query: String
    let count: Int
    let guides: [Item]

    init(query: String, guides: [GuideSummary]) {
        self.query = query
        count = guides.count
        self.guides = guides.map(Item.init)
    }
}

/// /api/guides/{id}: one guide, each item with the article it cites and that article's address.
struct GuideBody: Encodable, Sendable {
    struct Entry: Encodable, Sendable {
        let text: String
        let documentId: String
        let documentTitle: String
        let label: String
        let version: String?
        let quote: String
        let url: String

        enum CodingKeys: String, CodingKey {
            case text, label, version, quote, url
            case documentId = "document_id"
            case documentTitle = "document_title"
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(text, forKey: .text)
            try c.encode(documentId, forKey: .documentId)
            try c.encode(documentTitle, forKey: .documentTitle)
            try c.encode(label, forKey: .label)
            try c.encode(version, forKey: .version)
            try c.encode(quote, forKey: .quote)
            try c.encode(url, forKey: .url)
        }
    }
    struct Part: Encodable, Sendable {
        let section: String
        let entries: [Entry]
    }

    let guide: GuideListBody.Item
    let parts: [Part]

    init(_ detail: GuideDetail) {
        guide = GuideListBody.Item(detail.summary)
        parts = detail.parts.map { part in
            Part(
                section: part.section.rawValue,
                entries: part.entries.map { e in
                    Entry(
                        text: e.text, documentId: e.documentId, documentTitle: e.documentTitle, label: e.label, version: e.version,
                        quote: e.quote, url: URLBuilder.path(.policy(id: e.documentId, anchor: e.anchor)))
                })
        }
    }

    enum CodingKeys: String, CodingKey { case parts }
    func encode(to encoder: any Encoder) throws {
        try guide.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(parts, forKey: .parts)
    }
}
