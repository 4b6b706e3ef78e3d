import GongshiDisclosure

/// /api/credit/{abnormal|serious}: the entries, each with its organization's address.
struct CreditListBody: Encodable, Sendable {
    let list: CreditList.Kind
    let listName: String
    let includeRemoved: Bool
    let filter: CreditList.Filter
    let total: Int
    let page: Int
    let pageSize: Int
    let items: [Linked<CreditList.Item>]

    init(_ list: CreditList) {
        self.list = list.list
        listName = list.listName
        includeRemoved = list.includeRemoved
        filter = list.filter
        total = list.total
        page = list.page
        pageSize = list.pageSize
        items = list.items.map { Linked($0, url: URLBuilder.path(.organization(code: $0.orgCode)), key: "org_url") }
    }

    enum CodingKeys: String, CodingKey {
        case list, filter, total, page, items
        case listName = "list_name"
        case includeRemoved = "include_removed"
        case pageSize = "page_size"
    }
}
