import Foundation
import GongshiStore

/// Writes the CSV downloads of a snapshot (one file per public record type) once, at
/// snapshot time, in the format of the list exports (`CSVExport`: UTF-8 with BOM, CRLF,
/// RFC 4180 quoting, formula-like cells neutralised). Streams: rows go to disk in 1 MB
/// blocks.
public enum BulkExport {
    public struct Written: Sendable {
        public let kind: ExportKind
        public let path: String
        public let rows: Int
    }

    /// Writes every export into `directory`.
    public static func writeAll(from database: GongshiDatabase, into directory: String) throws(WebError) -> [Written] {
        var written: [Written] = []
        for kind in ExportKind.allCases {
            let path = (directory as NSString).appendingPathComponent(kind.fileName)
            written.append(Written(kind: kind, path: path, rows: try write(kind, from: database, to: path)))
        }
        return written
    }

    static func write(_ kind: ExportKind, from database: GongshiDatabase, to path: String) throws(WebError) -> Int {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw WebError("无法创建导出文件", path: path)
        }
        defer { try? handle.close() }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 20 + 4096)
        func flush() throws {
            try handle.write(contentsOf: buffer)
            buffer.removeAll(keepingCapacity: true)
        }
        buffer += Array(CSVExport.byteOrderMark.utf8) + Array(CSVExport.line(kind.header).utf8)
        do {
            let rows = try database.exportRows(kind) { row in
                buffer += Array(CSVExport.line(row).utf8)
                if buffer.count >= 1 << 20 { try flush() }
            }
            try flush()
            try handle.synchronize()
            return rows
        } catch {
            throw WebError("写入导出文件失败：\(error)", path: path)
        }
    }
}
