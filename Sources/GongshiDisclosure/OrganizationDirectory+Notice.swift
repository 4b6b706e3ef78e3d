import GRDB
import GongshiStore

extension OrganizationDirectory {
    /// One notice with its full text and the organizations it concerns; nil when unknown.
    public func notice(id: String) throws(DisclosureError) -> NoticeDetail? {
        guard !id.isEmpty, id.utf8.count <= 200 else { throw .invalidParameter(name: "id", message: "公告编号无效") }
        return try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT id, title, kind, issuer, date, body FROM notice WHERE id = ?", arguments: [id]) else {
                return nil
            }
            let orgs = try Row.fetchAll(
                db,
                sql: """
                    SELECT x.org_code AS code, o.name FROM notice_org x LEFT JOIN org o ON o.code = x.org_code
                    WHERE x.notice_id = ? ORDER BY x.org_code
                    """, arguments: [id]
            ).map { r in
                let code: String = r["code"]
                return NoticeDetail.Organization(code: code, name: r["name"])
            }
            return NoticeDetail(
                id: row["id"], title: row["title"], kind: row["kind"], issuer: row["issuer"], date: row["date"],
                body: row["body"] ?? "", organizations: orgs)
        }
    }
}

/// A disclosure notice (the JSON twin of /notices/{id}).
public struct NoticeDetail: Codable, Sendable, Equatable {
    public struct Organization: Codable, Sendable, Equatable {
        public var code: String
        /// Nil when the organization is not in the index.
        public var name: String?
    }
    public var id: String
    public var title: String
    public var kind: String
    public var issuer: String
    public var date: String
    public var body: String
    public var organizations: [Organization]
}
