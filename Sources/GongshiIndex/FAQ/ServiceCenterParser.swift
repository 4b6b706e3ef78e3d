import GongshiStore
import Yams

/// Reads `Corpus/service-center.yaml`: `name` (required once anything is set), `address`,
/// `phone`, `hours`, `web`. Nil when every field is unset (no contact configured).
public enum ServiceCenterParser {
    public static func parse(_ text: String, file: String) throws(RowProblem) -> ServiceCenter? {
        if text.split(separator: "\n").allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty || $0.trimmingCharacters(in: .whitespaces).hasPrefix("#") })
        {
            return nil
        }
        let mapping: Node.Mapping
        do {
            guard let node = try Yams.compose(yaml: text), let m = node.mapping else {
                throw RowProblem(file: file, line: 1, field: "文件", why: "应为 YAML 键值映射")
            }
            mapping = m
        } catch let p as RowProblem {
            throw p
        } catch {
            throw RowProblem(file: file, line: 1, field: "文件", why: "YAML 无法解析：\(error)")
        }
        func value(_ key: String) -> String? { mapping[key]?.scalar?.string.trimmed.nonEmpty }
        if ["name", "address", "phone", "hours", "web"].allSatisfy({ value($0) == nil }) { return nil }
        guard let name = value("name") else { throw RowProblem(file: file, line: 1, field: "name", why: "缺少必填字段") }
        return ServiceCenter(name: name, address: value("address"), phone: value("phone"), hours: value("hours"), web: value("web"))
    }
}
