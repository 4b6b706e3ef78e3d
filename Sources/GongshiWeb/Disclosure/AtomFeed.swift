import GongshiDisclosure
import GongshiSearch

/// An Atom feed (RFC 4287) of disclosure notices: `/notices.atom` and one per kind.
/// A pure function of its input; every text escaped.
public struct AtomFeed: Sendable {
    public struct Entry: Sendable, Equatable {
        /// A permanent URI (tag: or urn:), not the page URL.
        public var id: String
        public var title: String
        /// `YYYY-MM-DD` (midnight in China) or an RFC 3339 date-time.
        public var updated: String
        /// Absolute URL of the page.
        public var link: String
        public var summary: String
        public var category: String?

        public init(id: String, title: String, updated: String, link: String, summary: String, category: String? = nil) {
            self.id = id
            self.title = title
            self.updated = updated
            self.link = link
            self.summary = summary
            self.category = category
        }
    }

    /// Permanent feed id, e.g. `AtomFeed.tagURI(host:…, date: "2016-09-21", specific: "notices")`.
    public var id: String
    public var title: String
    /// Absolute URL of the feed itself (rel="self").
    public var selfURL: String
    /// Absolute URL of the HTML page (rel="alternate").
    public var pageURL: String
    public var author: String
    public var entries: [Entry]
    /// Used when there are no entries; otherwise the newest entry's date.
    public var fallbackUpdated: String

    public init(
        id: String, title: String, selfURL: String, pageURL: String, author: String = "社会组织信息公开平台",
        entries: [Entry], fallbackUpdated: String
    ) {
        self.id = id
        self.title = title
        self.selfURL = selfURL
        self.pageURL = pageURL
        self.author = author
        self.entries = entries
        self.fallbackUpdated = fallbackUpdated
    }

    /// Entries of a page of notices; `baseURL` like `https://example.org` (no trailing slash).
    public static func entries(_ feed: NoticeFeed, baseURL: String, host: String) -> [Entry] {
        feed.items.map { item in
            Entry(
                id: tagURI(host: host, date: item.date, specific: "notice/" + item.id), title: item.title, updated: item.date,
                link: baseURL + URLBuilder.path(.notice(id: item.id)), summary: item.summary.isEmpty ? "\(item.issuer) \(item.kind)" : item.summary,
                category: item.kind)
        }
    }

    /// A tag URI (RFC 4151): `tag:host,date:specific`, the specific part percent-encoded.
    public static func tagURI(host: String, date: String, specific: String) -> String {
        "tag:\(host.lowercased()),\(date):\(URLBuilder.component(specific, keeping: "/:;=@!$&'()*+,"))"
    }

    /// `2025-03-01` → `2025-03-01T00:00:00+08:00`; a date-time is kept as it is.
    public static func timestamp(_ date: String) -> String {
        date.count == 10 ? date + "T00:00:00+08:00" : date
    }

    public func render() -> String {
        let updated = entries.map(\.updated).max() ?? fallbackUpdated
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">
              <id>\(XMLText.escape(id))</id>
              <title>\(XMLText.escape(title))</title>
              <updated>\(XMLText.escape(Self.timestamp(updated)))</updated>
              <link rel="self" type="application/atom+xml" href="\(XMLText.escape(selfURL))"/>
              <link rel="alternate" type="text/html" href="\(XMLText.escape(pageURL))"/>
              <author><name>\(XMLText.escape(author))</name></author>

            """
        for entry in entries {
            xml += """
                  <entry>
                    <id>\(XMLText.escape(entry.id))</id>
                    <title>\(XMLText.escape(entry.title))</title>
                    <updated>\(XMLText.escape(Self.timestamp(entry.updated)))</updated>
                    <link rel="alternate" type="text/html" href="\(XMLText.escape(entry.link))"/>

                """
            if let category = entry.category { xml += "    <category term=\"\(XMLText.escape(category))\"/>\n" }
            xml += "    <summary type=\"text\">\(XMLText.escape(entry.summary))</summary>\n  </entry>\n"
        }
        return xml + "</feed>\n"
    }
}
