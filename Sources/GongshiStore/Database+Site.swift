import Foundation
import GRDB

extension Database {
    /// Replaces the site's identity (nil: none configured).
    public func replaceSiteIdentity(_ identity: SiteIdentity?) throws {
        try execute(sql: "DELETE FROM site_identity")
        guard let identity, !identity.isEmpty else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try execute(
            sql: "INSERT INTO site_identity(id, json) VALUES (1, ?)",
            arguments: [String(decoding: try encoder.encode(identity), as: UTF8.self)])
    }

    /// The site's identity; an empty one when none is configured.
    public func siteIdentity() throws -> SiteIdentity {
        guard let json = try String.fetchOne(self, sql: "SELECT json FROM site_identity WHERE id = 1") else { return SiteIdentity() }
        return try JSONDecoder().decode(SiteIdentity.self, from: Data(json.utf8))
    }
}
