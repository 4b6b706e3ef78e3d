/// What a result or a link points to, by the ids of the knowledge base. Engines return
/// these; the web turns them into addresses (`SiteURL` in GongshiWeb, the one place that
/// knows the site's routes).
public enum RecordRef: Sendable, Hashable {
    /// A policy document, or one of its units when `anchor` is set (a10 for 第十条, s3-1).
    case policy(id: String, anchor: String? = nil)
    /// An organization by its 统一社会信用代码.
    case organization(code: String)
    /// The service-center report of an organization.
    case serviceCenter(code: String)
    /// One credit record, shown on its organization's page.
    case creditRecord(orgCode: String, id: String)
    case notice(id: String)
}
