import Foundation
import GongshiStore

/// A snapshot directory whose manifest and files were verified at start.
public struct PublishedSnapshot: Sendable {
    public let directory: String
    public let manifest: SnapshotManifest

    public init(directory: String, manifest: SnapshotManifest) {
        self.directory = directory
        self.manifest = manifest
    }

    public var databasePath: String { (directory as NSString).appendingPathComponent(SnapshotManifest.databaseFileName) }
}
