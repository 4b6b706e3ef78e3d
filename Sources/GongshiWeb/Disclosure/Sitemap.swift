/// sitemap.xml (sitemaps.org 0.9) and robots.txt. A sitemap file holds at most 50,000
/// URLs; above that `/sitemap.xml` is a sitemap index of numbered files.
public enum Sitemap {
    public static let maxURLs = 50_000
    static let namespace = "http://www.sitemaps.org/schemas/sitemap/0.9"

    public struct Entry: Sendable, Equatable {
        /// Absolute URL.
        public var location: String
        /// `YYYY-MM-DD`.
        public var lastModified: String?

        public init(_ location: String, lastModified: String? = nil) {
            self.location = location
            self.lastModified = lastModified
        }
    }

    /// A `<urlset>` of at most `maxURLs` entries (extra ones are dropped: split first).
    public static func urlset(_ entries: [Entry]) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"\(namespace)\">\n"
        for entry in entries.prefix(maxURLs) {
            xml += "  <url><loc>\(XMLText.escape(entry.location))</loc>"
            if let date = entry.lastModified { xml += "<lastmod>\(XMLText.escape(date))</lastmod>" }
            xml += "</url>\n"
        }
        return xml + "</urlset>\n"
    }

    /// A `<sitemapindex>` listing sitemap files.
    public static func index(_ sitemaps: [Entry]) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"\(namespace)\">\n"
        for entry in sitemaps.prefix(maxURLs) {
            xml += "  <sitemap><loc>\(XMLText.escape(entry.location))</loc>"
            if let date = entry.lastModified { xml += "<lastmod>\(XMLText.escape(date))</lastmod>" }
            xml += "</sitemap>\n"
        }
        return xml + "</sitemapindex>\n"
    }

    /// How many organization sitemap files `count` organizations need.
    public static func organizationFiles(count: Int) -> Int { max(1, (count + maxURLs - 1) / maxURLs) }

    /// The pages every deployment has, relative to the site root.
    public static let fixedPaths = [
        URLBuilder.Route.home, URLBuilder.Route.organizations, URLBuilder.Route.notices, URLBuilder.Route.creditAbnormal,
        URLBuilder.Route.creditSerious, URLBuilder.Route.statistics, URLBuilder.Route.noticeFeed,
    ]

    public static func robotsTxt(sitemapURL: String) -> String {
        """
        User-agent: *
        Disallow: /api/
        Allow: /

        Sitemap: \(sitemapURL)

        """
    }
}
