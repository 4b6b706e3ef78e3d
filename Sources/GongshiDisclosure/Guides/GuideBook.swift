import Foundation
import GRDB
import GongshiStore

/// The 办事指南 of the index: the list by type of organization, and one guide with each
/// citation resolved to its document and article. Read-only, safe from any thread.
public final class GuideBook: Sendable {
    public let database: GongshiDatabase

    /// The order a list shows the types and topics in (a person founds before changing,
    /// changes before dissolving); anything else follows in file order.
    static let typeOrder = ["社会团体", "民办非企业单位", "基金会"]
    static let topicOrder = ["成立登记", "变更登记", "注销登记", "年度检查"]

    public init(database: GongshiDatabase) {
        self.database = database
    }

    /// Every guide, or those for one type of organization, in type and topic order.
    public func list(organizationType: String? = nil) throws(DisclosureError) -> [GuideSummary] {
        let guides = try read { db in try db.guides() }
        func rank(_ value: String, _ order: [String]) -> Int { order.firstIndex(of: value) ?? order.count }
        return guides.enumerated()
            .filter { organizationType == nil || $0.element.organizationType == organizationType }
            .sorted { a, b in
                (rank(a.element.organizationType, Self.typeOrder), rank(a.element.topic, Self.topicOrder), a.offset)
                    < (rank(b.element.organizationType, Self.typeOrder), rank(b.element.topic, Self.topicOrder), b.offset)
            }
            .map { GuideSummary($0.element) }
    }

    /// One guide with its citations resolved; nil for an unknown id.
    public func guide(id: String) throws(DisclosureError) -> GuideDetail? {
        try read { db -> GuideDetail? in
            guard let guide = try db.guides().first(where: { $0.id == id }) else { return nil }
            var parts: [GuideDetail.Part] = []
            for section in Guide.Section.allCases {
                var entries: [GuideDetail.Entry] = []
                for item in guide.items where item.section == section {
                    let c = item.citation
                    // The loader checked the passage exists; a later partial index may still lack it.
                    let row = try Row.fetchOne(
                        db.cachedStatement(
                            sql: """
                                SELECT d.title, d.revised, d.promulgated, u.label FROM unit u JOIN document d ON d.id = u.document_id
                                WHERE u.document_id = ? AND u.anchor = ?
                                """), arguments: [c.document, c.anchor])
                    let revised: String? = row?["revised"]
                    let promulgated: String? = row?["promulgated"]
                    entries.append(
                        GuideDetail.Entry(
                            text: item.text, documentId: c.document, anchor: c.anchor, documentTitle: row?["title"] ?? c.document,
                            label: row?["label"] ?? c.anchor,
                            version: revised.map { "\($0) 修订" } ?? promulgated.map { "\($0) 公布" }, quote: c.quote))
                }
                if !entries.isEmpty { parts.append(GuideDetail.Part(section: section, entries: entries)) }
            }
            return GuideDetail(summary: GuideSummary(guide), parts: parts)
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws(DisclosureError) -> T {
        do { return try database.read(body) } catch { throw .store(error) }
    }
}
