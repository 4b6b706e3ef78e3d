import Yams

/// The YAML front matter of a policy Markdown file, read as plain strings
/// (Yams would otherwise turn 2016-09-21 into a Date).
struct FrontMatter {
    let values: [String: String]
    /// Line number (1-based) where the Markdown body starts.
    let bodyStartLine: Int
    let body: Substring

    enum Problem: Error { case missing, unterminated, invalid(String) }

    static func split(_ text: String) throws(Problem) -> FrontMatter {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, first.trimmingCharacters(in: .whitespaces) == "---" else { throw .missing }
        guard let end = lines.dropFirst().firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "---" }) else {
            throw .unterminated
        }
        let yaml = lines[1..<end].joined(separator: "\n")
        var values: [String: String] = [:]
        do {
            if let node = try Yams.compose(yaml: yaml) {
                guard let mapping = node.mapping else { throw Problem.invalid("front matter 不是键值映射") }
                for (key, value) in mapping {
                    guard let k = key.string else { continue }
                    if let scalar = value.scalar { values[k] = scalar.string }
                }
            }
        } catch let problem as Problem {
            throw problem
        } catch {
            throw .invalid("\(error)")
        }
        let body = lines[(end + 1)...].joined(separator: "\n")
        return FrontMatter(values: values, bodyStartLine: end + 2, body: Substring(body))
    }
}
