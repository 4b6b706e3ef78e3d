import Foundation
import GRDB
import GongshiStore
import Yams

/// Loads `rules/service-centers.yaml` into the index on every run (it is small), keeping
/// only rules whose quoted text is found word for word in the passage they cite.
struct ServiceCenterRuleLoader {
    static let relativePath = "rules/service-centers.yaml"
    let corpus: URL

    struct RuleFile: Decodable {
        var rules: [ServiceCenterRule]
    }

    /// Replaces the rules in the index; returns the problems of rejected rules.
    func load(into db: Database) throws -> [RowProblem] {
        let url = corpus.appendingPathComponent(Self.relativePath)
        guard FileManager.default.fileExists(atPath: url.path) else {
            try db.replaceServiceCenterRules([])
            return []
        }
        let file: RuleFile
        do {
            let text = try String(contentsOf: url, encoding: .utf8)
            file = try YAMLDecoder().decode(RuleFile.self, from: text)
        } catch {
            try db.replaceServiceCenterRules([])
            return [RowProblem(file: Self.relativePath, line: 1, field: "文件", why: "无法读取服务中心规则：\(error)")]
        }
        var problems: [RowProblem] = []
        var accepted: [ServiceCenterRule] = []
        var ids = Set<String>()
        for (n, rule) in file.rules.enumerated() {
            func reject(_ why: String) { problems.append(RowProblem(file: Self.relativePath, line: 0, field: "rules[\(n)] \(rule.id)", why: why)) }
            if let problem = rule.problem {
                reject(problem)
                continue
            }
            guard ids.insert(rule.id).inserted else {
                reject("规则编号重复")
                continue
            }
            let passage = try String.fetchOne(
                db, sql: "SELECT text FROM unit WHERE document_id = ? AND anchor = ?",
                arguments: [rule.document, rule.anchor])
            guard let passage else {
                reject("找不到文档段落 \(rule.document)#\(rule.anchor)")
                continue
            }
            guard passage.contains(rule.text) else {
                reject("规则原文与 \(rule.document)#\(rule.anchor) 的文字不一致")
                continue
            }
            accepted.append(rule)
        }
        try db.replaceServiceCenterRules(accepted)
        return problems
    }
}
