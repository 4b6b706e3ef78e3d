import Foundation
import GongshiStore

/// The site's identity (`Corpus/site.yaml`, stored by the indexer) for every page's footer.
/// Read at most once per few seconds: it changes only when the corpus is re-indexed, and a
/// page should not pay a database read for it.
public final class SiteIdentityReader: Sendable {
    public let database: GongshiDatabase
    static let lifetime: TimeInterval = 5
    private let cached = Locked<(read: Date, identity: SiteIdentity)?>(nil)

    public init(database: GongshiDatabase) {
        self.database = database
    }

    /// The identity; an empty one when none is configured or it cannot be read (a page
    /// then simply shows no identity rather than failing).
    public func current(now: Date = Date()) -> SiteIdentity {
        if let hit = cached.value, now.timeIntervalSince(hit.read) < Self.lifetime { return hit.identity }
        let identity = (try? database.read { db in try db.siteIdentity() }) ?? SiteIdentity()
        cached.value = (now, identity)
        return identity
    }
}
