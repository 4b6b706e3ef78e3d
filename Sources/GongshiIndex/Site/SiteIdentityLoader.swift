import Foundation
import GRDB
import GongshiStore
import Yams

/// Loads `site.yaml` (whose site this is) into the index on every run. Each key is a plain
/// text value of at most 200 characters; `web` must be an http(s) address. A bad value or an
/// unknown key is reported with its line and left out; the other fields are kept.
struct SiteIdentityLoader {
    static let relativePath = "site.yaml"
    static let maxLength = 200
    let corpus: URL

    /// Replaces the identity in the index; returns the problems and the operator hints
    /// (which fields are unset, so nothing is shown for them).
    func load(into db: Database) throws -> (problems: [RowProblem], warnings: [String]) {
        let url = corpus.appendingPathComponent(Self.relativePath)
        guard FileManager.default.fileExists(atPath: url.path) else {
            try db.replaceSiteIdentity(nil)
            return ([], ["site.yaml 不存在：首页和页脚不显示本站的主办单位和联系方式"])
        }
        let (identity, problems) = Self.parse((try? String(contentsOf: url, encoding: .utf8)), file: Self.relativePath)
        try db.replaceSiteIdentity(identity)
        let unset = [
            ("name", identity.name), ("body", identity.body), ("address", identity.address), ("phone", identity.phone),
            ("hours", identity.hours),
        ].filter { $0.1 == nil }.map(\.0)
        let warnings = unset.isEmpty ? [] : ["site.yaml 未填写 \(unset.joined(separator: "、"))：这些项不在首页和页脚显示"]
        return (problems, warnings)
    }

    /// The identity in `text` and the problems of the values left out.
    static func parse(_ text: String?, file: String) -> (SiteIdentity, [RowProblem]) {
        guard let text else { return (SiteIdentity(), [RowProblem(file: file, line: 1, field: "文件", why: "不是 UTF-8 文本")]) }
        let mapping: Node.Mapping
        do {
            guard let node = try Yams.compose(yaml: text) else { return (SiteIdentity(), []) }  // only comments
            guard let m = node.mapping else { return (SiteIdentity(), [RowProblem(file: file, line: 1, field: "文件", why: "应为 YAML 键值映射")]) }
            mapping = m
        } catch {
            return (SiteIdentity(), [RowProblem(file: file, line: 1, field: "文件", why: "YAML 无法解析：\(error)")])
        }
        var identity = SiteIdentity()
        var problems: [RowProblem] = []
        for (keyNode, valueNode) in mapping {
            let key = keyNode.scalar?.string ?? ""
            let line = keyNode.mark?.line ?? 1  // Yams counts lines from 1
            guard SiteIdentity.keys.contains(key) else {
                problems.append(RowProblem(file: file, line: line, field: key, why: "未知的字段（可用：\(SiteIdentity.keys.joined(separator: "、"))）"))
                continue
            }
            if valueNode.scalar == nil {
                problems.append(RowProblem(file: file, line: line, field: key, why: "应为一行文字"))
                continue
            }
            guard let value = valueNode.scalar?.string.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty,
                valueNode.tag.description != "tag:yaml.org,2002:null"
            else { continue }
            guard value.count <= maxLength, !value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                problems.append(RowProblem(file: file, line: line, field: key, why: "超过 \(maxLength) 个字符或含控制字符"))
                continue
            }
            switch key {
            case "name": identity.name = value
            case "body": identity.body = value
            case "region": identity.region = value
            case "center": identity.center = value
            case "address": identity.address = value
            case "phone": identity.phone = value
            case "hours": identity.hours = value
            case "web":
                guard value.hasPrefix("https://") || value.hasPrefix("http://"), !value.contains(where: { $0 == " " || $0 == "\"" || $0 == "<" }) else {
                    problems.append(RowProblem(file: file, line: line, field: key, why: "“\(value.prefix(60))”不是 http(s) 网址"))
                    continue
                }
                identity.web = value
            default: identity.note = value
            }
        }
        return (identity, problems)
    }
}
