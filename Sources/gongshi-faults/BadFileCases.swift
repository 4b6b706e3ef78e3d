import Foundation
import GRDB

extension FaultSuite {
    /// Each bad replacement of a corpus file, on a fresh copy of the bundled corpus: the run
    /// exits 1, says why (file:line: field: why), and keeps the previous rows. One line each.
    static func badFiles(_ context: Context) throws -> (Bool, String) {
        let corpus = context.work.appendingPathComponent("bad")
        let database = context.work.appendingPathComponent("bad.sqlite").path
        try FileManager.default.copyItem(at: context.corpus, to: corpus)
        let baseline = try context.run(["index", "--corpus", corpus.path, "--db", database, "--quiet"])
        guard baseline.status == 0 else { throw SuiteError("baseline index exited \(baseline.status)") }
        func count(_ table: String) throws -> Int {
            let queue = try DatabaseQueue(
                path: database,
                configuration: {
                    var c = Configuration()
                    c.readonly = true
                    return c
                }())
            return try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0 }
        }
        let orgsFile = corpus.appendingPathComponent("orgs/orgs-0001.csv")
        let policyFile = corpus.appendingPathComponent("policies/regulations/shetuan-dengji-tiaoli.md")
        let original = (orgs: try Data(contentsOf: orgsFile), policy: try Data(contentsOf: policyFile))
        let orgs = try count("org")
        let units = try count("unit")
        func lines(_ data: Data) -> [[UInt8]] { Array(data).split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init) }
        func joined(_ lines: [[UInt8]]) -> Data { Data(Array(lines.joined(separator: [0x0A]))) }
        let articleLine = lines(original.policy).firstIndex { String(decoding: $0, as: UTF8.self).hasPrefix("第十条") } ?? 40

        struct Case {
            let name: String
            let file: URL
            let content: Data
            let table: String
            let expectedCount: Int
            let says: String
        }
        var orgLines = lines(original.orgs)
        let cases: [Case] = [
            Case(
                name: "one \\xff in a UTF-8 CSV", file: orgsFile,
                content: {
                    var l = orgLines
                    l[10].insert(0xFF, at: 30)
                    return joined(l)
                }(),
                table: "org", expectedCount: orgs - 1, says: "orgs/orgs-0001.csv:11: 行: 含有不是 UTF-8 的字节"),
            Case(
                name: "one \\xff in a regulation", file: policyFile,
                content: {
                    var l = lines(original.policy)
                    l[articleLine].insert(0xFF, at: min(20, l[articleLine].count))
                    return joined(l)
                }(),
                table: "unit", expectedCount: units, says: "shetuan-dengji-tiaoli.md:\(articleLine + 1): 行: 含有不是 UTF-8 的字节"),
            Case(name: "empty CSV", file: orgsFile, content: Data(), table: "org", expectedCount: orgs, says: "文件为空；保留上一次索引的 \(orgs) 条记录"),
            Case(
                name: "binary CSV", file: orgsFile, content: Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0xFF, 0xD8]),
                table: "org", expectedCount: orgs, says: "既不是 UTF-8 也不是 GB18030"),
            Case(
                name: "header-less CSV", file: orgsFile, content: joined(Array(orgLines.dropFirst())), table: "org", expectedCount: orgs,
                says: "表头: 没有可识别的列名"),
            Case(
                name: "mostly rejected CSV", file: orgsFile,
                // Two rows of three lose their code's first character: rejected 200, accepted 100.
                content: joined(
                    orgLines.enumerated().map { $0.offset > 0 && $0.offset % 3 != 0 && !$0.element.isEmpty ? Array($0.element.dropFirst()) : $0.element }),
                table: "org", expectedCount: orgs, says: "保留上一次索引的 \(orgs) 条记录"),
            Case(
                name: "unterminated quote", file: orgsFile,
                content: {
                    var l = orgLines
                    l[4].insert(UInt8(ascii: "\""), at: 19)
                    return joined(l)
                }(),
                table: "org", expectedCount: orgs - 1, says: "orgs/orgs-0001.csv:5: 行: 未闭合的引号"),
            Case(
                name: "10 MB field", file: orgsFile,
                content: {
                    orgLines[6] += Array(",".utf8)
                    return joined(
                        orgLines.enumerated().map {
                            $0.offset == 6
                                ? Array(
                                    String(decoding: $0.element, as: UTF8.self).replacingOccurrences(
                                        of: ",正常,", with: ",\(String(repeating: "长", count: 3_500_000)),"
                                    ).utf8) : $0.element
                        })
                }(),
                table: "org", expectedCount: orgs - 1, says: "orgs/orgs-0001.csv:7: "),
        ]
        orgLines = lines(original.orgs)
        var allOK = true
        for c in cases {
            try c.content.write(to: c.file)
            let result = try context.run(["index", "--corpus", corpus.path, "--db", database])
            let after = try count(c.table)
            let said = result.stderr.split(separator: "\n").first { $0.contains(c.says) }.map(String.init)
            let ok = result.status == 1 && after == c.expectedCount && said != nil
            allOK = allOK && ok
            let before = c.table == "org" ? orgs : units
            report(
                "bad-file \(c.name)", ok,
                "exit \(result.status), \(c.table) rows \(before) → \(after) (expected \(c.expectedCount)); says: "
                    + (said.map { String($0.prefix(110)) } ?? "nothing matching “\(c.says)”"))
            // Back to the good file for the next case.
            try (c.file == orgsFile ? original.orgs : original.policy).write(to: c.file)
            _ = try context.run(["index", "--corpus", corpus.path, "--db", database, "--quiet"])
        }
        // --quiet prints the summary only: no progress lines, whatever stdout is.
        try Data(original.orgs + Data("\n".utf8)).write(to: orgsFile)
        let quiet = try context.run(["index", "--corpus", corpus.path, "--db", database, "--quiet"])
        let progress = (quiet.stdout + quiet.stderr).split(separator: "\n").filter { $0.hasPrefix("[") }.count
        let quietOK = quiet.status == 0 && progress == 0 && quiet.stdout.contains("索引完成")
        report(
            "index --quiet", quietOK,
            "exit \(quiet.status), \(progress) progress lines, \((quiet.stdout + quiet.stderr).split(separator: "\n").count) lines in all")
        try original.orgs.write(to: orgsFile)
        return (allOK && quietOK, "\(cases.count) bad-file cases and --quiet, each on its own line above")
    }
}
