import Foundation
import GongshiIndex
import GongshiStore
import GongshiTestSupport
import GongshiWeb
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `gongshi snapshot` and `serve --snapshot` (issue 16): through the same library calls the
/// commands make, on the bundled corpus indexed for real.
@Suite(.serialized) struct SnapshotTests {
    /// The bundled corpus, indexed once for these tests (WAL mode, as `gongshi index` leaves it).
    static let index: Result<String, any Error> = Result {
        let path = Scratch.directory.appendingPathComponent("snapshot-source-\(UUID().uuidString).sqlite").path
        _ = try Indexer(corpus: ProjectPaths.fixtureCorpus, database: GongshiDatabase(path: path)).run()
        return path
    }

    static func newDirectory() -> String {
        Scratch.directory.appendingPathComponent("snapshot-\(UUID().uuidString)").path
    }

    /// A published snapshot shared by the read-only tests.
    static let published: Result<(directory: String, manifest: SnapshotManifest), any Error> = Result {
        let directory = newDirectory()
        return (directory, try SnapshotPublisher.publish(databasePath: try index.get(), into: directory))
    }

    /// A copy of the shared snapshot that a test may damage.
    static func copyOfSnapshot() throws -> String {
        let copy = newDirectory()
        try FileManager.default.copyItem(atPath: try published.get().directory, toPath: copy)
        for name in try FileManager.default.contentsOfDirectory(atPath: copy) {
            chmod((copy as NSString).appendingPathComponent(name), 0o644)
        }
        return copy
    }

    static func manifestExists(_ directory: String) -> Bool {
        FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent(SnapshotManifest.fileName))
    }

    @Test func theManifestIsWrittenLastAndDescribesEveryFile() throws {
        let directory = Self.newDirectory()
        var steps: [SnapshotPublisher.Step] = []
        let manifest = try SnapshotPublisher.publish(databasePath: try Self.index.get(), into: directory) { step in
            // Looked at as each step begins: until the last step, no manifest.
            #expect(!Self.manifestExists(directory), "manifest present before step \(step)")
            steps.append(step)
        }
        #expect(steps == SnapshotPublisher.Step.allCases)
        #expect(Self.manifestExists(directory))
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        #expect(names == (manifest.files.map(\.name) + [SnapshotManifest.fileName]).sorted())  // no temp file left
        // Self-contained: rollback-journal mode, no -wal or -shm beside it.
        #expect(!names.contains { $0.hasSuffix("-wal") || $0.hasSuffix("-shm") })
        let header = try #require(FileHandle(forReadingAtPath: (directory as NSString).appendingPathComponent(SnapshotManifest.databaseFileName)))
        let bytes = try #require(try header.read(upToCount: 20))
        #expect(bytes[18] == 1 && bytes[19] == 1, "file format bytes 18-19 should say rollback journal (1, 1), not WAL (2, 2)")
        // The manifest matches the files, and the counts the index.
        #expect(try SnapshotManifest.verify(directory: directory) == manifest)
        let source = try GongshiDatabase(path: try Self.index.get(), readOnly: true)
        #expect(manifest.generation == (try source.currentGeneration()))
        #expect(manifest.counts == (try source.snapshotCounts()))
        #expect(manifest.counts.organizations > 0 && manifest.counts.articles > 0)
        for file in manifest.files {
            let path = (directory as NSString).appendingPathComponent(file.name)
            #expect(try FileDigest.sha256(path: path).hex == file.sha256)
        }
        let orgs = try #require(manifest.files.first { $0.name == "orgs.csv" })
        #expect(orgs.rows == manifest.counts.organizations)
    }

    @Test func aFailedSnapshotHasNoManifest() throws {
        let directory = Self.newDirectory()
        #expect(throws: (any Error).self) {
            _ = try SnapshotPublisher.publish(databasePath: try Self.index.get(), into: directory) { step in
                // A directory where the organization export should go: the export fails.
                if step == .exports {
                    try? FileManager.default.createDirectory(
                        atPath: (directory as NSString).appendingPathComponent("orgs.csv"),
                        withIntermediateDirectories: false)
                }
            }
        }
        #expect(!Self.manifestExists(directory))
        #expect(throws: StoreError.self) { _ = try SnapshotPublisher.openVerified(directory: directory) }
    }

    @Test func aSnapshotIsNeverWrittenOverAnother() throws {
        let directory = try Self.published.get().directory
        let error = try #require(throws: StoreError.self) {
            _ = try SnapshotPublisher.publish(databasePath: try Self.index.get(), into: directory)
        }
        #expect(error.message.contains("不为空"))
    }

    /// What `serve --snapshot` refuses, and what it says: the file and the reason, in Chinese.
    @Test func aTruncatedDatabaseIsRefused() throws {
        let directory = try Self.copyOfSnapshot()
        let path = (directory as NSString).appendingPathComponent(SnapshotManifest.databaseFileName)
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        try handle.truncate(atOffset: 4096)
        try handle.close()
        let error = try #require(throws: StoreError.self) { _ = try SnapshotPublisher.openVerified(directory: directory) }
        #expect(error.kind == .snapshot)
        #expect(error.path == path)
        #expect(error.message.contains("gongshi.sqlite") && error.message.contains("截断"))
    }

    @Test func anAlteredFileIsRefusedByItsHash() throws {
        let directory = try Self.copyOfSnapshot()
        let path = (directory as NSString).appendingPathComponent("notices.csv")
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        try handle.seek(toOffset: 100)
        let original = try #require(try handle.read(upToCount: 1))
        try handle.seek(toOffset: 100)
        try handle.write(contentsOf: [original[0] ^ 0x01])  // same size, one bit changed
        try handle.close()
        let error = try #require(throws: StoreError.self) { _ = try SnapshotPublisher.openVerified(directory: directory) }
        #expect(error.path == path)
        #expect(error.message.contains("notices.csv") && error.message.contains("SHA-256") && error.message.contains("不符"))
        // The quick check (sizes only) does not see it; the start of a node always hashes.
        #expect(throws: Never.self) { _ = try SnapshotManifest.verify(directory: directory, hashes: false) }
    }

    @Test func aDirectoryWithoutACompleteManifestIsRefused() throws {
        let directory = try Self.copyOfSnapshot()
        let manifest = (directory as NSString).appendingPathComponent(SnapshotManifest.fileName)
        let data = try #require(FileManager.default.contents(atPath: manifest))
        try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: manifest))  // cut mid-write
        let half = try #require(throws: StoreError.self) { _ = try SnapshotPublisher.openVerified(directory: directory) }
        #expect(half.message.contains("清单不完整"))
        try FileManager.default.removeItem(atPath: manifest)
        let none = try #require(throws: StoreError.self) { _ = try SnapshotPublisher.openVerified(directory: directory) }
        #expect(none.message.contains("没有清单"))
    }

    @Test func aManifestCannotPointOutsideItsDirectory() throws {
        let directory = try Self.copyOfSnapshot()
        let manifest = (directory as NSString).appendingPathComponent(SnapshotManifest.fileName)
        let text = try String(contentsOfFile: manifest, encoding: .utf8).replacingOccurrences(of: "\"orgs.csv\"", with: "\"../orgs.csv\"")
        try text.write(toFile: manifest, atomically: true, encoding: .utf8)
        let error = try #require(throws: StoreError.self) { _ = try SnapshotPublisher.openVerified(directory: directory) }
        #expect(error.message.contains("文件名不合法"))
    }

    func get(_ url: String, headers: [String: String] = [:]) async throws -> (Int, Data, HTTPURLResponse) {
        var request = URLRequest(url: try #require(URL(string: url)))
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        return (http.statusCode, data, http)
    }

    /// A node on the snapshot, over HTTP: generation in /healthz and on every response,
    /// /data/ files with ranges, /metrics.
    @Test func aNodeServesItsSnapshot() async throws {
        let (directory, manifest) = try Self.published.get()
        let verified = try SnapshotPublisher.openVerified(directory: directory)
        let site = try Site(
            database: verified.database, staticDirectory: WebTestIndex.projectRoot.appendingPathComponent("Static").path,
            snapshot: verified.snapshot)
        let server = HTTPServer(router: Router(site: site))
        var options = HTTPServer.Options()
        options.port = 0
        options.threads = 2
        try server.start(options)
        defer { server.stop() }
        let base = "http://127.0.0.1:\(server.port)"
        let generation = String(manifest.generation)

        let (status, body, health) = try await get("\(base)/healthz")
        #expect(status == 200)
        let json = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
        #expect(json["status"] as? String == "ok")
        #expect((json["generation"] as? NSNumber)?.int64Value == manifest.generation)
        #expect((json["counts"] as? [String: Any])?["organizations"] as? Int == manifest.counts.organizations)
        #expect(json["uptime_seconds"] is NSNumber)
        #expect(health.value(forHTTPHeaderField: "X-Gongshi-Generation") == generation)
        for path in ["/static/css/site.css", "/api/search?q=%E5%9F%BA%E9%87%91%E4%BC%9A", "/no-such-page", "/data/"] {
            let (_, _, response) = try await get(base + path)
            #expect(response.value(forHTTPHeaderField: "X-Gongshi-Generation") == generation, "\(path)")
        }

        let orgs = try Data(contentsOf: URL(fileURLWithPath: (directory as NSString).appendingPathComponent("orgs.csv")))
        let (whole, wholeBody, _) = try await get("\(base)/data/orgs.csv")
        #expect(whole == 200 && wholeBody == orgs)
        let (partial, partialBody, range) = try await get("\(base)/data/orgs.csv", headers: ["Range": "bytes=100-199"])
        #expect(partial == 206)
        #expect(partialBody == orgs.subdata(in: 100..<200))
        #expect(range.value(forHTTPHeaderField: "Content-Range") == "bytes 100-199/\(orgs.count)")
        let (beyond, _, _) = try await get("\(base)/data/orgs.csv", headers: ["Range": "bytes=\(orgs.count)-"])
        #expect(beyond == 416)
        let (sums, sumsBody, _) = try await get("\(base)/data/SHA256SUMS")
        #expect(sums == 200 && String(decoding: sumsBody, as: UTF8.self) == manifest.checksumLines)
        for path in ["/data/..%2Fmanifest.json", "/data/index.sqlite", "/data/.%2E/Package.swift"] {
            #expect(try await get(base + path).0 == 404, "\(path)")
        }

        let (metricsStatus, metrics, _) = try await get("\(base)/metrics")
        #expect(metricsStatus == 200)
        let text = String(decoding: metrics, as: UTF8.self)
        #expect(text.contains("gongshi_http_requests_total{route=\"/healthz\",status=\"200\"} 1"))
        #expect(text.contains("gongshi_http_requests_total{route=\"/data/{file}\",status=\"206\"} 1"))
        #expect(text.contains("gongshi_index_generation \(generation)"))
        #expect(text.contains("gongshi_http_request_duration_seconds_bucket"))
        #expect(text.contains("gongshi_http_open_connections"))
    }

    @Test func aNodeOnALiveDatabaseOffersNoDownloads() throws {
        let response = try WebTestIndex.router().handle(HTTPRequest(path: "/data/"))
        #expect(response.status == 404)
        #expect(response.header("X-Gongshi-Generation") != nil)
    }
}
