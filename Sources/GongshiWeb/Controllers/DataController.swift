import Foundation
import GongshiStore

/// `/data/`: the snapshot a node serves, as an open-data download — the SQLite file, its
/// manifest, `SHA256SUMS` and the CSV exports written by `gongshi snapshot`. The files are
/// sent from disk with Range support (resumable downloads); nothing is built per request.
/// A node on a live database (`serve --db`) has no snapshot to offer: 404.
struct DataController {
    let site: Site

    static let checksumsName = "SHA256SUMS"

    /// What each export holds, for the listing.
    static let descriptions: [String: String] = [
        SnapshotManifest.databaseFileName: "完整索引数据库（SQLite 3，只读，可用 sqlite3 直接查询）",
        "orgs.csv": "社会组织基本信息",
        "credit.csv": "信用记录（活动异常名录、严重违法失信名单、行政处罚）",
        "notices.csv": "公告",
        "articles.csv": "政策法规条文",
    ]

    /// GET /data/ and /data/{name}
    func handle(_ request: HTTPRequest) throws -> HTTPResponse {
        guard let snapshot = site.node.snapshot else {
            throw HTTPProblem.notFound("本节点不提供数据下载", message: "数据下载只在以快照方式运行的节点上提供（gongshi serve --snapshot）。")
        }
        let name = String(request.path.dropFirst(URLBuilder.Prefix.data.count))
        if name.isEmpty { return try listing(request, snapshot) }
        if name == Self.checksumsName {
            return HTTPResponse(
                status: 200,
                headers: [("Content-Type", "text/plain; charset=utf-8"), ("Cache-Control", "public, max-age=60")]
                    + HTTPResponse.securityHeaders, body: Array(snapshot.manifest.checksumLines.utf8))
        }
        if name == SnapshotManifest.fileName {
            let path = (snapshot.directory as NSString).appendingPathComponent(SnapshotManifest.fileName)
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.uint64Value ?? 0
            return file(request, path: path, size: size, etag: nil, type: "application/json; charset=utf-8", download: false)
        }
        // Only names the verified manifest lists: no request path reaches anything else.
        guard let entry = snapshot.manifest.files.first(where: { $0.name == name }) else {
            throw HTTPProblem.notFound("找不到该文件", message: "数据下载中没有这个文件。")
        }
        return file(
            request, path: (snapshot.directory as NSString).appendingPathComponent(entry.name), size: UInt64(entry.bytes),
            etag: "\"\(entry.sha256)\"", type: Self.contentType(entry.name), download: true)
    }

    static func contentType(_ name: String) -> String {
        if name.hasSuffix(".csv") { return "text/csv; charset=utf-8" }
        if name.hasSuffix(".sqlite") { return "application/vnd.sqlite3" }
        return "application/octet-stream"
    }

    /// The file at `path`, whole or the one range asked for.
    func file(_ request: HTTPRequest, path: String, size: UInt64, etag: String?, type: String, download: Bool) -> HTTPResponse {
        var headers: [(String, String)] = [("Content-Type", type), ("Accept-Ranges", "bytes"), ("Cache-Control", "public, max-age=300")]
        if let etag { headers.append(("ETag", etag)) }
        if download {
            headers.append(("Content-Disposition", "attachment; filename=\"\((path as NSString).lastPathComponent)\""))
        }
        headers += HTTPResponse.securityHeaders
        if let etag, let match = request.headers["if-none-match"],
            match.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == etag })
        {
            return HTTPResponse(status: 304, headers: headers)
        }
        // If-Range: a range only while the file is the one the client began with.
        var rangeHeader = request.headers["range"]
        if let condition = request.headers["if-range"], condition != etag { rangeHeader = nil }
        var response = HTTPResponse(status: 200, headers: headers)
        switch ByteRange.parse(rangeHeader, size: size) {
        case .whole:
            response.file = FileBody(path: path, offset: 0, length: size)
        case .partial(let range):
            response.status = 206
            response.headers.append(("Content-Range", "bytes \(range.first)-\(range.last)/\(size)"))
            response.file = FileBody(path: path, offset: range.first, length: range.length)
        case .unsatisfiable:
            response.status = 416
            response.headers.append(("Content-Range", "bytes */\(size)"))
        }
        return response
    }

    func listing(_ request: HTTPRequest, _ snapshot: PublishedSnapshot) throws -> HTTPResponse {
        let manifest = snapshot.manifest
        if request.query["format"] == "json" {
            return .json(manifest)
        }
        return try site.pages.render(Self.model(manifest), page: PageContext(request))
    }

    static func model(_ manifest: SnapshotManifest) -> DataPage {
        let counts = manifest.counts
        return DataPage(
            generation: String(manifest.generation), created: manifest.created,
            files: manifest.files.map { file in
                .init(
                    name: file.name, url: URLBuilder.dataFile(file.name), bytes: size(file.bytes), sha256: file.sha256,
                    rows: file.rows.map { "\($0) 行" }, description: descriptions[file.name])
            },
            organizations: String(counts.organizations), creditRecords: String(counts.creditRecords), notices: String(counts.notices),
            policies: String(counts.policies), articles: String(counts.articles), total: size(manifest.totalBytes),
            manifestURL: URLBuilder.dataFile(SnapshotManifest.fileName), checksumsURL: URLBuilder.dataFile(checksumsName),
            jsonURL: URLBuilder.url(URLBuilder.Prefix.data, [("format", "json")]))
    }

    /// 1,234 KB style sizes for people.
    static func size(_ bytes: Int64) -> String {
        let units = ["字节", "KB", "MB", "GB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(bytes) 字节" : String(format: "%.1f %@", value, units[unit])
    }
}
