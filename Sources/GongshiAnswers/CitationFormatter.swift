/// The citation line staff paste into a reply: 依据《社会团体登记管理条例》第十条：“……”
public enum CitationFormatter {
    public static func citation(title: String, label: String, text: String, status: String?) -> String {
        var body = Substring(text)
        // The article text repeats its label (第十条 成立社会团体…).
        if body.hasPrefix(label) { body = body.dropFirst(label.count) }
        let quoted = body.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined()
            .trimmingCharacters(in: .whitespaces)
        let note = status == "已废止" ? "（注意：该文件已废止）" : status == "尚未生效" ? "（注意：该文件尚未生效）" : ""
        return "依据《\(title)》\(label)：“\(quoted)”\(note)"
    }
}
