import Foundation
import GongshiAnswers
import GongshiDisclosure
import GongshiSearch
import GongshiWeb
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Feeds, sitemaps, charts and CSV exports: well-formed, escaped, within the limits.
@Suite struct DisclosureRenderTests {
    /// Parses XML, collecting element names and the text of each element by name.
    final class Collector: NSObject, XMLParserDelegate {
        var elements: [String] = []
        var texts: [String: [String]] = [:]
        var attributes: [String: [[String: String]]] = [:]
        var current = ""
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
            elements.append(name)
            self.attributes[name, default: []].append(attributes)
            current = ""
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { current += string }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            texts[name, default: []].append(current)
            current = ""
        }
    }

    func parse(_ xml: String) throws -> Collector {
        let parser = XMLParser(data: Data(xml.utf8))
        let collector = Collector()
        parser.delegate = collector
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        return collector
    }

    static let hostile = "A&B <c> \"引号\" 'x' \u{1}控制符"

    @Test func atomFeedParsesAndHasTheRequiredElements() throws {
        let entries = [
            AtomFeed.Entry(
                id: AtomFeed.tagURI(host: "gongshi.example.org", date: "2025-03-01", specific: "notice/N-1"), title: Self.hostile,
                updated: "2025-03-01", link: "https://gongshi.example.org/notices/N-1?a=1&b=2", summary: Self.hostile, category: "成立登记"),
            AtomFeed.Entry(
                id: "urn:uuid:6b29fc40-ca47-1067-b31d-00dd010662da", title: "第二条", updated: "2025-04-02",
                link: "https://gongshi.example.org/notices/N-2", summary: "正文"),
        ]
        let feed = AtomFeed(
            id: AtomFeed.tagURI(host: "gongshi.example.org", date: "2016-09-21", specific: "notices"), title: "信息公开公告",
            selfURL: "https://gongshi.example.org/notices.atom", pageURL: "https://gongshi.example.org/notices",
            entries: entries, fallbackUpdated: "2025-01-01")
        let xml = feed.render()
        let parsed = try parse(xml)
        #expect(parsed.elements.first == "feed")
        #expect(parsed.elements.filter { $0 == "entry" }.count == 2)
        #expect(parsed.texts["updated"]?.last == "2025-03-01T00:00:00+08:00" || parsed.texts["updated"]?.contains("2025-04-02T00:00:00+08:00") == true)
        // Feed updated is the newest entry's.
        #expect(xml.contains("<updated>2025-04-02T00:00:00+08:00</updated>\n  <link rel=\"self\""))
        #expect(parsed.texts["title"]?.contains("A&B <c> \"引号\" 'x' 控制符") == true)
        #expect(parsed.attributes["link"]?.contains { $0["rel"] == "self" && $0["href"] == "https://gongshi.example.org/notices.atom" } == true)
        #expect(parsed.texts["id"]?.allSatisfy { $0.hasPrefix("tag:") || $0.hasPrefix("urn:") } == true)
        #expect(parsed.texts["name"]?.isEmpty == false)
        let empty = AtomFeed(
            id: "tag:x.org,2016:n", title: "空", selfURL: "https://x.org/a", pageURL: "https://x.org/", entries: [], fallbackUpdated: "2025-01-01")
        #expect(try parse(empty.render()).texts["updated"] == ["2025-01-01T00:00:00+08:00"])
    }

    @Test func atomEntriesFromNotices() throws {
        let notices = NoticeFeed(
            filter: .init(), total: 1, page: 1, pageSize: 20,
            items: [
                .init(
                    id: "N-2025-03-01-ab", title: "关于准予成立登记的公告", kind: "成立登记", issuer: "青浦区民政局", date: "2025-03-01",
                    orgCodes: [], summary: "")
            ])
        let entries = AtomFeed.entries(notices, baseURL: "https://x.org", host: "x.org")
        #expect(entries.first?.id == "tag:x.org,2025-03-01:notice/N-2025-03-01-ab")
        #expect(entries.first?.link == "https://x.org/notices/N-2025-03-01-ab")
        #expect(entries.first?.summary == "青浦区民政局 成立登记")
    }

    @Test func sitemapAndIndexParse() throws {
        let urls = (0..<3).map { Sitemap.Entry("https://x.org/orgs/\($0)?a=1&b=2", lastModified: "2025-01-0\($0 + 1)") }
        let parsed = try parse(Sitemap.urlset(urls))
        #expect(parsed.elements.first == "urlset")
        #expect(parsed.texts["loc"] == urls.map(\.location))
        let big = (0..<(Sitemap.maxURLs + 10)).map { Sitemap.Entry("https://x.org/\($0)") }
        #expect(try parse(Sitemap.urlset(big)).texts["loc"]?.count == Sitemap.maxURLs)
        #expect(Sitemap.organizationFiles(count: 1_000_000) == 20 && Sitemap.organizationFiles(count: 50_000) == 1 && Sitemap.organizationFiles(count: 0) == 1)
        let index = try parse(Sitemap.index([Sitemap.Entry("https://x.org/sitemaps/orgs-1.xml")]))
        #expect(index.elements == ["sitemapindex", "sitemap", "loc"])
        #expect(Sitemap.robotsTxt(sitemapURL: "https://x.org/sitemap.xml").contains("Sitemap: https://x.org/sitemap.xml"))
    }

    @Test func chartsAreAccessibleXML() throws {
        let data = [SVGChart.Datum("社会团体", 120), SVGChart.Datum("<基金会>", 7), SVGChart.Datum("民办非企业单位", 0)]
        for svg in [
            SVGChart.bars(id: "by-type", title: "按类型", data: data), SVGChart.line(id: "months", title: "每月公告", data: data),
            SVGChart.bars(id: "empty", title: "空", data: []), SVGChart.line(id: "one", title: "一", data: [data[0]]),
        ] {
            let parsed = try parse(svg)
            #expect(parsed.elements.first == "svg")
            #expect(parsed.attributes["svg"]?.first?["role"] == "img")
            #expect(parsed.attributes["svg"]?.first?["aria-label"]?.isEmpty == false)
            #expect(parsed.elements.contains("title") && parsed.elements.contains("desc"))
        }
        let table = SVGChart.table(caption: "按类型", labelHeader: "类型", data: data)
        #expect(table.contains("<th scope=\"row\">&lt;基金会&gt;</th><td>7</td>"))
        #expect(try parse(table).elements.first == "table")
    }

    @Test func csvQuotesAndNeutralisesFormulas() {
        #expect(CSVExport.cell("plain") == "plain")
        #expect(CSVExport.cell("a,b") == "\"a,b\"")
        #expect(CSVExport.cell("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVExport.cell("two\nlines") == "\"two\nlines\"")
        #expect(CSVExport.cell("=SUM(A1)") == "'=SUM(A1)")
        #expect(CSVExport.cell("+1") == "'+1")
        #expect(CSVExport.cell("-1") == "'-1")
        #expect(CSVExport.cell("@cmd") == "'@cmd")
        #expect(CSVExport.cell("=HYPERLINK(\"x\",\"y\")") == "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"")
        let csv = CSVExport.render(header: ["名称", "代码"], rows: [["上海市青浦区书画协会", "51310118MJ0000001X"]])
        #expect(csv.hasPrefix("\u{FEFF}名称,代码\r\n"))
        #expect(Array(csv.utf8.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(csv.hasSuffix("\r\n"))
        let list = CreditList(
            list: .abnormal, listName: "活动异常名录", includeRemoved: true, filter: .init(), total: 1, page: 1, pageSize: 20,
            items: [
                .init(
                    orgCode: "C", orgName: "=cmd|' /C calc'!A0", region: nil, reason: "未按规定参加年度检查", authority: "青浦区民政局",
                    date: "2024-01-01", removedOn: "2024-06-01", removalReason: nil, current: false)
            ])
        let exported = CSVExport.creditList(list)
        #expect(exported.contains(",'=cmd|' /C calc'!A0,"))
        #expect(exported.contains("已移出"))
    }
}
