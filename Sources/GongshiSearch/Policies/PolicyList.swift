import GRDB

/// A page of the policy catalogue (the JSON twin of /policies).
public struct PolicyList: Codable, Sendable {
    public var total: Int
    public var page: Int
    public var pageSize: Int
    public var items: [PolicySummary]
    public var facets: [Facet]

    enum CodingKeys: String, CodingKey { case total, page, pageSize = "page_size", items, facets }
}

/// The catalogue facts of one document, as a disclosure catalogue shows them.
public struct PolicySummary: Codable, Sendable, Equatable {
    public var id: String
    public var kind: String
    public var title: String
    public var level: String?
    public var issuer: String?
    public var docNumber: String?
    public var promulgated: String?
    public var effective: String?
    public var revised: String?
    public var status: String?
    public var disclosure: String?
    public var region: String?
    public var source: String?
    /// The readable source (publisher and public URL) a page shows as 来源.
    public var sourceName: String?
    public var sourceURL: String?
    public var units: Int

    enum CodingKeys: String, CodingKey {
        case id, kind, title, level, issuer, docNumber = "doc_number", promulgated, effective, revised, status, disclosure,
            region, source, sourceName = "source_name", sourceURL = "source_url", units
    }

    init(row: Row) {
        id = row["id"]
        kind = row["kind"]
        title = row["title"]
        level = row["level"]
        issuer = row["issuer"]
        docNumber = row["doc_number"]
        promulgated = row["promulgated"]
        effective = row["effective"]
        revised = row["revised"]
        status = row["status"]
        disclosure = row["disclosure"]
        region = row["region"]
        source = row["source"]
        sourceName = row["source_name"]
        sourceURL = row["source_url"]
        units = row["units"] ?? 0
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(kind, forKey: .kind)
        try c.encode(title, forKey: .title)
        // Missing facts are explicit nulls: the shape stays the same for every document.
        try c.encode(level, forKey: .level)
        try c.encode(issuer, forKey: .issuer)
        try c.encode(docNumber, forKey: .docNumber)
        try c.encode(promulgated, forKey: .promulgated)
        try c.encode(effective, forKey: .effective)
        try c.encode(revised, forKey: .revised)
        try c.encode(status, forKey: .status)
        try c.encode(disclosure, forKey: .disclosure)
        try c.encode(region, forKey: .region)
        try c.encode(source, forKey: .source)
        try c.encode(sourceName, forKey: .sourceName)
        try c.encode(sourceURL, forKey: .sourceURL)
        try c.encode(units, forKey: .units)
    }
}

/// One document with its structure (the JSON twin of /policies/{id}).
public struct PolicyPage: Codable, Sendable {
    public struct Unit: Codable, Sendable, Equatable {
        /// `article` or `section`.
        public var kind: String
        public var label: String
        public var number: Int?
        public var chapter: String?
        /// Fragment id on the page: a10 for 第十条.
        public var anchor: String
        public var text: String
    }
    public var document: PolicySummary
    public var preamble: String
    public var units: [Unit]

    /// Chapters in order of first appearance, for the table of contents.
    public var chapters: [String] {
        var seen: Set<String> = []
        return units.compactMap(\.chapter).filter { seen.insert($0).inserted }
    }
}

/// What the home page shows.
public struct CatalogOverview: Codable, Sendable {
    public struct Counts: Codable, Sendable {
        public var policies: Int
        public var articles: Int
        public var organizations: Int
        public var creditRecords: Int
        public var notices: Int
        enum CodingKeys: String, CodingKey { case policies, articles, organizations, creditRecords = "credit_records", notices }
    }
    public struct NoticeLink: Codable, Sendable {
        public var id: String
        public var title: String
        public var kind: String
        public var issuer: String
        public var date: String
    }
    public var counts: Counts
    public var recentPolicies: [PolicySummary]
    public var recentNotices: [NoticeLink]
    enum CodingKeys: String, CodingKey { case counts, recentPolicies = "recent_policies", recentNotices = "recent_notices" }
}
