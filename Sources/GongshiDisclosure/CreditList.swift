/// `/credit/abnormal` and `/credit/serious`: the entries of one list.
public struct CreditList: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case abnormal, serious

        /// 活动异常名录 or 严重违法失信名单, as stored.
        public var listName: String { self == .abnormal ? "活动异常名录" : "严重违法失信名单" }
    }

    /// Filters of a credit list.
    public struct Filter: Codable, Sendable, Equatable {
        /// 决定机关.
        public var authority: String?
        /// 所属区域 of the organization.
        public var region: String?
        /// Year listed.
        public var year: Int?
        /// Part of the organization's name.
        public var name: String?

        public init(authority: String? = nil, region: String? = nil, year: Int? = nil, name: String? = nil) {
            self.authority = authority
            self.region = region
            self.year = year
            self.name = name
        }

        public func validate() throws(DisclosureError) {
            for (key, value) in [("authority", authority), ("region", region), ("name", name)] {
                if let value, value.count > OrganizationFilter.maxTextLength {
                    throw .invalidParameter(name: key, message: "过长（最多 \(OrganizationFilter.maxTextLength) 字）")
                }
            }
            if let year, !(1900...2100).contains(year) { throw .invalidParameter(name: "year", message: "应为 1900 至 2100 之间的年份") }
        }
    }

    public struct Item: Codable, Sendable, Equatable {
        public var orgCode: String
        public var orgName: String
        public var region: String?
        public var reason: String
        public var authority: String
        /// 列入日期.
        public var date: String
        public var removedOn: String?
        public var removalReason: String?
        public var current: Bool

        public init(
            orgCode: String, orgName: String, region: String?, reason: String, authority: String, date: String, removedOn: String?,
            removalReason: String?, current: Bool
        ) {
            self.orgCode = orgCode
            self.orgName = orgName
            self.region = region
            self.reason = reason
            self.authority = authority
            self.date = date
            self.removedOn = removedOn
            self.removalReason = removalReason
            self.current = current
        }

        enum CodingKeys: String, CodingKey {
            case region, reason, authority, date, current
            case orgCode = "org_code"
            case orgName = "org_name"
            case removedOn = "removed_on"
            case removalReason = "removal_reason"
        }
    }

    public var list: Kind
    /// 活动异常名录 or 严重违法失信名单.
    public var listName: String
    public var includeRemoved: Bool
    public var filter: Filter
    public var total: Int
    public var page: Int
    public var pageSize: Int
    public var items: [Item]

    public init(list: Kind, listName: String, includeRemoved: Bool, filter: Filter, total: Int, page: Int, pageSize: Int, items: [Item]) {
        self.list = list
        self.listName = listName
        self.includeRemoved = includeRemoved
        self.filter = filter
        self.total = total
        self.page = page
        self.pageSize = pageSize
        self.items = items
    }

    enum CodingKeys: String, CodingKey {
        case list, filter, total, page, items
        case listName = "list_name"
        case includeRemoved = "include_removed"
        case pageSize = "page_size"
    }
}
