import GongshiDisclosure

/// /api/notices: a page of notices, each with its address.
struct NoticeFeedBody: Encodable, Sendable {
    let filter: NoticeFeed.Filter
    let total: Int
    let page: Int
    let pageSize: Int
    let items: [Linked<NoticeFeed.Item>]

    init(_ feed: NoticeFeed) {
        filter = feed.filter
        total = feed.total
        page = feed.page
        pageSize = feed.pageSize
        items = feed.items.map { Linked($0, url: URLBuilder.path(.notice(id: $0.id))) }
    }

    enum CodingKeys: String, CodingKey {
        case filter, total, page, items
        case pageSize = "page_size"
    }
}
