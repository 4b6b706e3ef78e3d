import Foundation

/// `manifest.json` of a snapshot directory: what the snapshot holds and the SHA-256 of
/// every file in it. `gongshi snapshot` writes it last (atomically), so a directory
/// without a complete manifest is an unfinished snapshot and is never served.
public struct SnapshotManifest: Codable, Sendable, Equatable {
    public static let fileName = "manifest.json"
    public static let databaseFileName = "gongshi.sqlite"
    public static let currentFormat = 1

    /// One file of the snapshot: a plain name in the snapshot directory.
    public struct File: Codable, Sendable, Equatable {
        public let name: String
        public let bytes: Int64
        public let sha256: String
        /// Data rows of a CSV export; nil for the database.
        public let rows: Int?

        public init(name: String, bytes: Int64, sha256: String, rows: Int? = nil) {
            self.name = name
            self.bytes = bytes
            self.sha256 = sha256
            self.rows = rows
        }
    }

    /// Record counts, as `/healthz` and `/data/` report them.
    public struct Counts: Codable, Sendable, Equatable {
        public var organizations: Int
        public var creditRecords: Int
        public var notices: Int
        public var policies: Int
        public var articles: Int

        public init(organizations: Int = 0, creditRecords: Int = 0, notices: Int = 0, policies: Int = 0, articles: Int = 0) {
            self.organizations = organizations
            self.creditRecords = creditRecords
            self.notices = notices
            self.policies = policies
            self.articles = articles
        }

        enum CodingKeys: String, CodingKey {
            case organizations, creditRecords = "credit_records", notices, policies, articles
        }
    }

    public let format: Int
    /// The index generation the snapshot was taken at.
    public let generation: Int64
    /// ISO 8601, UTC.
    public let created: String
    public let counts: Counts
    /// The database first, then the CSV exports.
    public let files: [File]

    public init(generation: Int64, created: String, counts: Counts, files: [File]) {
        self.format = Self.currentFormat
        self.generation = generation
        self.created = created
        self.counts = counts
        self.files = files
    }

    public var database: File? { files.first { $0.name == Self.databaseFileName } }

    /// Bytes of all files together.
    public var totalBytes: Int64 { files.reduce(0) { $0 + $1.bytes } }

    /// The lines `sha256sum -c` reads.
    public var checksumLines: String {
        files.map { "\($0.sha256)  \($0.name)\n" }.joined()
    }

    /// A file name a manifest may list: a plain name, no directory, nothing hidden.
    static func isPlainName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 128 && !name.hasPrefix(".") && !name.contains("/") && !name.contains("\\")
            && name.unicodeScalars.allSatisfy { $0.isASCII && $0.value > 0x20 && $0.value < 0x7F }
    }

    /// The manifest as written: sorted keys, so the same snapshot gives the same bytes.
    public func encoded() throws(StoreError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do { return try encoder.encode(self) } catch {
            throw StoreError(kind: .snapshot, message: "无法生成快照清单：\(error)")
        }
    }

    /// Writes `manifest.json` into `directory` through a temporary file and a rename,
    /// after syncing it, so the name appears only with complete contents.
    public func write(to directory: String) throws(StoreError) {
        let data = try encoded()
        let final = (directory as NSString).appendingPathComponent(Self.fileName)
        let temporary = final + ".tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: data),
            let handle = FileHandle(forWritingAtPath: temporary)
        else {
            throw StoreError(kind: .snapshot, message: "无法写入快照清单", path: temporary)
        }
        do {
            try handle.synchronize()
            try handle.close()
        } catch {
            throw StoreError(kind: .snapshot, message: "无法写入快照清单：\(error.localizedDescription)", path: temporary)
        }
        guard rename(temporary, final) == 0 else {
            throw StoreError(kind: .snapshot, message: "无法把临时清单改名为 \(Self.fileName)（errno \(errno)）", path: temporary)
        }
        SnapshotBuilder.syncDirectory(directory)
    }

    /// Reads and checks the shape of `manifest.json` in `directory` (not the files).
    public static func read(from directory: String) throws(StoreError) -> SnapshotManifest {
        let path = (directory as NSString).appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreError(kind: .snapshot, message: "快照目录中没有清单 \(fileName)：快照未完成或不是快照目录，不能使用", path: path)
        }
        guard let data = FileManager.default.contents(atPath: path), data.count <= 1 << 20 else {
            throw StoreError(kind: .snapshot, message: "无法读取快照清单（或清单大于 1 MB）", path: path)
        }
        let manifest: SnapshotManifest
        do { manifest = try JSONDecoder().decode(SnapshotManifest.self, from: data) } catch {
            throw StoreError(kind: .snapshot, message: "快照清单不完整或格式错误：\(error)", path: path)
        }
        guard manifest.format == currentFormat else {
            throw StoreError(kind: .snapshot, message: "快照清单格式版本 \(manifest.format) 不受支持（应为 \(currentFormat)）", path: path)
        }
        guard manifest.database != nil else {
            throw StoreError(kind: .snapshot, message: "快照清单未列出数据库文件 \(databaseFileName)", path: path)
        }
        for file in manifest.files {
            guard isPlainName(file.name) else {
                throw StoreError(kind: .snapshot, message: "快照清单中的文件名不合法：\(file.name)", path: path)
            }
            guard file.bytes >= 0, file.sha256.utf8.count == 64,
                file.sha256.unicodeScalars.allSatisfy({ "0123456789abcdef".unicodeScalars.contains($0) })
            else {
                throw StoreError(kind: .snapshot, message: "快照清单中文件 \(file.name) 的大小或 SHA-256 不合法", path: path)
            }
        }
        guard Set(manifest.files.map(\.name)).count == manifest.files.count else {
            throw StoreError(kind: .snapshot, message: "快照清单中有重复的文件名", path: path)
        }
        return manifest
    }

    /// Reads the manifest and checks every file it lists against its size and SHA-256:
    /// a truncated, altered or missing file is refused with its name and what differs.
    /// `hashes: false` checks the sizes only (a quick look at a copy already verified).
    public static func verify(directory: String, hashes: Bool = true) throws(StoreError) -> SnapshotManifest {
        let manifest = try read(from: directory)
        for file in manifest.files {
            let path = (directory as NSString).appendingPathComponent(file.name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
                throw StoreError(kind: .snapshot, message: "快照文件缺失：\(file.name)", path: path)
            }
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value ?? -1
            guard size == file.bytes else {
                throw StoreError(
                    kind: .snapshot,
                    message: "快照文件 \(file.name) 大小为 \(size) 字节，清单记录为 \(file.bytes) 字节（文件被截断或改动）", path: path)
            }
            guard hashes else { continue }
            let digest = try FileDigest.sha256(path: path)
            guard digest.hex == file.sha256 else {
                throw StoreError(
                    kind: .snapshot,
                    message: "快照文件 \(file.name) 的 SHA-256 为 \(digest.hex)，与清单记录的 \(file.sha256) 不符（文件被改动或损坏）", path: path)
            }
        }
        return manifest
    }
}
