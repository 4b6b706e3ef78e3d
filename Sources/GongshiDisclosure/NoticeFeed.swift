/// `/notices`: a page of disclosure notices, newest first.
public struct NoticeFeed: Codable, Sendable, Equatable {
    public struct Filter: Codable, Sendable, Equatable {
        /// One of `Notice.kinds`.
        public var kind: String?
        /// 发布机关.
        public var issuer: String?
        /// First and last day, `YYYY-MM-DD`, inclusive.
        public var from: String?
        public var to: String?
        /// An organization's name (or words of the title), matched as search matches names.
        public var name: String?

        public init(kind: String? = nil, issuer: String? = nil, from: String? = nil, to: String? = nil, name: String? = nil) {
            self.kind = kind
            self.issuer = issuer
            self.from = from
            self.to = to
            self.name = name
        }
    }

    public struct Item: Codable, Sendable, Equatable {
        public var id: String
        public var title: String
        public var kind: String
        public var issuer: String
        public var date: String
        public var orgCodes: [String]
        /// The start of the body (at most `NoticeFeed.summaryLength` characters).
        public var summary: String

        public init(id: String, title: String, kind: String, issuer: String, date: String, orgCodes: [String], summary: String) {
            self.id = id
            self.title = title
            self.kind = kind
            self.issuer = issuer
            self.date = date
            self.orgCodes = orgCodes
            self.summary = summary
        }

        enum CodingKeys: String, CodingKey {
            case id, title, kind, issuer, date, summary
            case orgCodes = "org_codes"
        }
    }

    public static let summaryLength = 140

    public var filter: Filter
    public var total: Int
    public var page: Int
    public var pageSize: Int
    public var items: [Item]

    public init(filter: Filter, total: Int, page: Int, pageSize: Int, items: [Item]) {
        self.filter = filter
        self.total = total
        self.page = page
        self.pageSize = pageSize
        self.items = items
    }

    enum CodingKeys: String, CodingKey {
        case filter, total, page, items
        case pageSize = "page_size"
    }
}
