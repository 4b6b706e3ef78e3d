import Foundation
import GongshiIndex
import GongshiStore
import GongshiTestSupport
import Testing

@testable import GongshiSampleData

/// The corpus generator, tested on the files it really writes to a temporary directory.
@Suite struct CorpusGeneratorTests {
    static let orgsKeys = [
        "code", "name", "type", "authority", "supervisor", "legal_rep", "founded", "capital", "address", "scope",
        "status", "grade", "grade_from", "grade_until", "cert_until", "inspections", "region", "center_level",
        "center_served", "center_staff", "center_area",
    ]
    static let creditKeys = [
        "code", "name", "list", "reason", "authority", "date", "removed_on", "removal_reason", "decision_no",
        "basis", "result",
    ]
    static let noticesKeys = ["id", "title", "kind", "issuer", "date", "orgs", "body"]

    /// The rows of one record kind, as dictionaries keyed by the header.
    struct Table {
        var header: [String] = []
        var rows: [[String: String]] = []
    }

    static func temporaryDirectory() -> URL {
        Scratch.directory.appendingPathComponent("gongshi-gen-\(UUID().uuidString)")
    }

    static func generate(_ orgs: Int, seed: UInt64 = 20161, rowsPerFile: Int = 50_000, into dir: URL? = nil) throws -> (URL, GenerationSummary) {
        let dir = dir ?? temporaryDirectory()
        var generator = CorpusGenerator(organizations: orgs, seed: seed)
        generator.rowsPerFile = rowsPerFile
        return (dir, try generator.write(to: dir))
    }

    /// Every file under orgs/, credit/ and notices/, by relative path.
    static func contents(_ dir: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for folder in ["orgs", "credit", "notices"] {
            for name in try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent(folder).path) {
                out["\(folder)/\(name)"] = try Data(contentsOf: dir.appendingPathComponent(folder).appendingPathComponent(name))
            }
        }
        return out
    }

    /// Reads every `folder-NNNN.csv` of a folder in order, checking each file's header
    /// and that every row has as many fields as the header.
    static func table(_ dir: URL, _ folder: String) throws -> Table {
        var table = Table()
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent(folder).path).sorted()
        for name in names {
            let records = parseCSV(try String(contentsOf: dir.appendingPathComponent(folder).appendingPathComponent(name), encoding: .utf8))
            guard let header = records.first else { continue }
            table.header = header
            for record in records.dropFirst() {
                #expect(record.count == header.count, "\(folder)/\(name): \(record)")
                table.rows.append(Dictionary(uniqueKeysWithValues: zip(header, record)))
            }
        }
        return table
    }

    /// RFC 4180: comma separated, double-quoted fields may hold commas, CR/LF and "".
    static func parseCSV(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        let bytes = Array(text.utf8)
        var i = 0
        func endField() {
            record.append(String(decoding: field, as: UTF8.self))
            field = []
        }
        while i < bytes.count {
            let b = bytes[i]
            if inQuotes {
                if b == 34 {
                    if i + 1 < bytes.count && bytes[i + 1] == 34 {
                        field.append(34)
                        i += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.append(b)
                }
            } else if b == 34 {
                inQuotes = true
            } else if b == 44 {
                endField()
            } else if b == 10 {
                endField()
                records.append(record)
                record = []
            } else if b != 13 {
                field.append(b)
            }
            i += 1
        }
        if !field.isEmpty || !record.isEmpty {
            endField()
            records.append(record)
        }
        return records
    }

    @Test func sameSeedGivesByteIdenticalFilesAndAnotherSeedDoesNot() throws {
        let (a, summaryA) = try Self.generate(300)
        let (b, summaryB) = try Self.generate(300)
        let (c, _) = try Self.generate(300, seed: 7)
        defer { for dir in [a, b, c] { try? FileManager.default.removeItem(at: dir) } }
        let filesA = try Self.contents(a)
        #expect(filesA.keys.sorted() == ["credit/credit-0001.csv", "notices/notices-0001.csv", "orgs/orgs-0001.csv"])
        #expect(filesA == (try Self.contents(b)))
        #expect(summaryA.files == summaryB.files && summaryA.notices == summaryB.notices && summaryA.creditRecords == summaryB.creditRecords)
        let filesC = try Self.contents(c)
        for path in filesA.keys { #expect(filesA[path] != filesC[path], "\(path)") }
    }

    @Test func headersAreTheSpecKeysAndCountsMatchTheSummary() throws {
        let (dir, summary) = try Self.generate(300)
        defer { try? FileManager.default.removeItem(at: dir) }
        let orgs = try Self.table(dir, "orgs")
        let credit = try Self.table(dir, "credit")
        let notices = try Self.table(dir, "notices")
        #expect(orgs.header == Self.orgsKeys)
        #expect(credit.header == Self.creditKeys)
        #expect(notices.header == Self.noticesKeys)
        #expect(orgs.rows.count == 300 && summary.organizations == 300)
        #expect(credit.rows.count == summary.creditRecords)
        #expect(notices.rows.count == summary.notices)
        // A few hundred kilobytes for 300 organizations.
        let bytes = try Self.contents(dir).values.reduce(0) { $0 + $1.count }
        #expect(bytes > 200_000 && bytes < 1_000_000, "\(bytes) bytes")
    }

    @Test func codesAreValidUniqueAndStructured() throws {
        let (dir, _) = try Self.generate(300)
        defer { try? FileManager.default.removeItem(at: dir) }
        let orgs = try Self.table(dir, "orgs").rows
        let divisions = [
            "310118": "上海市青浦区", "330305": "温州市洞头区", "310104": "上海市徐汇区", "440106": "广州市天河区",
            "510107": "成都市武侯区", "320506": "苏州市吴中区", "330302": "温州市鹿城区",
        ]
        var codes: Set<String> = []
        for org in orgs {
            let code = org["code"]!
            #expect((try? CreditCode(validating: code)) != nil, "\(code)")
            let chars = Array(code)
            #expect(chars[0] == "5")
            let typeDigit: Character =
                switch org["type"]! {
                case "社会团体": "1"
                case "基金会": "3"
                default: "2"
                }
            #expect(chars[1] == typeDigit, "\(code) \(org["type"]!)")
            #expect(divisions[String(chars[2..<8])] == org["region"], "\(code) \(org["region"]!)")
            codes.insert(code)
        }
        #expect(codes.count == 300)
        #expect(Set(orgs.map { $0["name"]! }).count == 300)
        // Every code a credit record or notice mentions is an organization's.
        for record in try Self.table(dir, "credit").rows { #expect(codes.contains(record["code"]!)) }
        for notice in try Self.table(dir, "notices").rows {
            for code in notice["orgs"]!.split(separator: ";") { #expect(codes.contains(String(code))) }
        }
    }

    @Test func everyTypeStatusGradeCenterCreditSituationAndNoticeKindIsPresent() throws {
        let (dir, _) = try Self.generate(300)
        defer { try? FileManager.default.removeItem(at: dir) }
        let orgs = try Self.table(dir, "orgs").rows
        let credit = try Self.table(dir, "credit").rows
        let notices = try Self.table(dir, "notices").rows

        #expect(Set(orgs.map { $0["type"]! }) == ["社会团体", "民办非企业单位", "社会服务机构", "基金会"])
        #expect(Set(orgs.map { $0["status"]! }) == ["正常", "已注销", "已撤销"])
        #expect(Set(orgs.map { $0["grade"]! }) == ["5A", "4A", "3A", "2A", "1A", ""])
        let graded = orgs.filter { !$0["grade"]!.isEmpty }
        #expect(graded.contains { $0["grade_until"]! < "2026-01-01" }, "an expired grade")
        #expect(graded.contains { $0["grade_until"]! >= "2026-01-01" }, "a current grade")
        for org in graded {
            let from = org["grade_from"]!
            let until = org["grade_until"]!
            #expect(Int(until.prefix(4))! == Int(from.prefix(4))! + 5 && until.dropFirst(4) == from.dropFirst(4), "\(from) \(until)")
            #expect(org["status"] == "正常")
        }

        let centers = orgs.filter { !$0["center_level"]!.isEmpty }
        #expect(centers.count >= 3)
        #expect(Set(centers.map { $0["center_level"]! }) == ["区级", "街镇", "行业"])
        for center in centers {
            #expect(center["name"]!.hasSuffix("社会组织服务中心"))
            #expect(["民办非企业单位", "社会服务机构"].contains(center["type"]!))
        }
        #expect(!orgs.contains { $0["center_level"]!.isEmpty && $0["name"]!.hasSuffix("社会组织服务中心") })

        #expect(credit.contains { $0["list"] == "活动异常名录" && $0["removed_on"]!.isEmpty }, "currently listed as abnormal")
        #expect(
            credit.contains { $0["list"] == "活动异常名录" && !$0["removed_on"]!.isEmpty && !$0["removal_reason"]!.isEmpty },
            "removed from the abnormal list")
        #expect(credit.contains { $0["list"] == "严重违法失信名单" })
        let penalties = credit.filter { $0["list"] == "行政处罚" }
        #expect(!penalties.isEmpty)
        for penalty in penalties {
            #expect(penalty["decision_no"]!.contains("民罚决字〔"), "\(penalty)")
            #expect(!penalty["result"]!.isEmpty && penalty["basis"]!.hasPrefix("《"))
        }

        #expect(Set(notices.map { $0["kind"]! }) == ["成立登记", "变更登记", "注销登记", "撤销登记", "年检结果", "评估等级", "行政处罚"])
        #expect(Set(notices.map { $0["id"]! }).count == notices.count, "notice ids are unique")
        #expect(notices.filter { $0["kind"] == "成立登记" }.count == 300)
        #expect(notices.filter { $0["kind"] == "行政处罚" }.count == penalties.count)
        #expect(notices.filter { $0["kind"] == "注销登记" }.count == orgs.filter { $0["status"] == "已注销" }.count)
        #expect(notices.filter { $0["kind"] == "撤销登记" }.count == orgs.filter { $0["status"] == "已撤销" }.count)
        #expect(notices.contains { $0["kind"] == "年检结果" && $0["orgs"]!.contains(";") })
        // Notice bodies hold newlines, so quoted multi-line fields were written and read back.
        #expect(notices.contains { $0["body"]!.contains("\n") })
    }

    @Test func datesAreWellFormedOrderedAndNotAfterTheCutoff() throws {
        let (dir, _) = try Self.generate(300)
        defer { try? FileManager.default.removeItem(at: dir) }
        let orgs = try Self.table(dir, "orgs").rows
        let founded = Dictionary(uniqueKeysWithValues: orgs.map { ($0["code"]!, $0["founded"]!) })
        func isDate(_ s: String) -> Bool {
            let parts = s.split(separator: "-")
            return s.count == 10 && parts.count == 3 && parts.allSatisfy { $0.allSatisfy(\.isNumber) }
        }
        for org in orgs {
            let date = org["founded"]!
            #expect(isDate(date) && date >= "1995-01-01" && date <= "2025-12-31")
            let capital = Double(org["capital"]!)!
            #expect(capital >= 3 && capital <= 500)
            if org["type"] == "基金会" { #expect(capital >= 200) }
            for entry in org["inspections"]!.split(separator: ";") {
                let parts = entry.split(separator: ":")
                #expect(parts.count == 2 && Int(parts[0])! <= 2025 && ["合格", "基本合格", "不合格", "未参检"].contains(String(parts[1])))
            }
        }
        for record in try Self.table(dir, "credit").rows {
            let date = record["date"]!
            #expect(isDate(date) && date > founded[record["code"]!]! && date <= "2026-06-30", "\(record)")
            if let removed = record["removed_on"], !removed.isEmpty { #expect(removed > date && removed <= "2026-06-30") }
        }
        for notice in try Self.table(dir, "notices").rows {
            #expect(isDate(notice["date"]!) && notice["date"]! <= "2026-06-30", "\(notice["id"]!)")
        }
    }

    /// Histories a registration authority could have written: nothing happens before an
    /// organization exists or after it was revoked, a revocation for missing two annual
    /// inspections follows two missed inspections, and a listing for a missed inspection
    /// follows that inspection. Checked over several seeds, since each draws other histories.
    @Test(arguments: [UInt64(20161), 7, 99, 2024])
    func historiesAreConsistent(seed: UInt64) throws {
        let (dir, _) = try Self.generate(1_000, seed: seed)
        defer { try? FileManager.default.removeItem(at: dir) }
        let orgs = Dictionary(uniqueKeysWithValues: try Self.table(dir, "orgs").rows.map { ($0["code"]!, $0) })
        func inspections(_ org: [String: String]) -> [Int: String] {
            var out: [Int: String] = [:]
            for entry in org["inspections"]!.split(separator: ";") {
                let parts = entry.split(separator: ":")
                out[Int(parts[0])!] = String(parts[1])
            }
            return out
        }
        func year(_ date: String) -> Int { Int(date.prefix(4))! }
        let credit = try Self.table(dir, "credit").rows
        var revocations: [String: [String: String]] = [:]
        for record in credit where record["result"] == "撤销登记" { revocations[record["code"]!] = record }
        for (code, org) in orgs {
            let founded = year(org["founded"]!)
            let years = inspections(org)
            for y in years.keys { #expect(y > founded, "\(code): inspection \(y) not after founding \(org["founded"]!)") }
            guard let revocation = revocations[code] else { continue }
            #expect(org["status"] == "已撤销", "\(code): revoked by decision but \(org["status"]!)")
            let revoked = year(revocation["date"]!)
            for y in years.keys { #expect(y < revoked, "\(code): inspection \(y) after revocation \(revocation["date"]!)") }
            if revocation["reason"]!.contains("连续两年未按照规定参加年度检查") {
                #expect(
                    years[revoked - 1] == "未参检" && years[revoked - 2] == "未参检",
                    "\(code): revoked \(revocation["date"]!) for two missed inspections, founded \(org["founded"]!), inspections \(org["inspections"]!)")
            }
        }
        for record in credit {
            let code = record["code"]!
            guard let org = orgs[code] else {
                Issue.record("\(code): credit record of an unknown organization")
                continue
            }
            #expect(record["date"]! > org["founded"]!, "\(code): \(record["list"]!) \(record["date"]!) before founding \(org["founded"]!)")
            if let revocation = revocations[code] {
                #expect(record["date"]! <= revocation["date"]!, "\(code): \(record["list"]!) \(record["date"]!) after revocation")
            }
            if record["list"] == "活动异常名录", record["reason"] == "未按规定参加年度检查" {
                #expect(
                    inspections(org)[year(record["date"]!) - 1] == "未参检",
                    "\(code): listed \(record["date"]!) for a missed inspection; inspections \(org["inspections"]!), founded \(org["founded"]!)")
            }
        }
    }

    @Test func largeRunsSplitIntoNumberedFilesAndSmallerRunsRemoveStaleOnes() throws {
        let dir = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (_, large) = try Self.generate(5_000, rowsPerFile: 2_000, into: dir)
        #expect(large.files.filter { $0.hasPrefix("orgs/") } == ["orgs/orgs-0001.csv", "orgs/orgs-0002.csv", "orgs/orgs-0003.csv"])
        let orgs = try Self.table(dir, "orgs").rows
        #expect(orgs.count == 5_000)
        #expect(Set(orgs.map { $0["code"]! }).count == 5_000)
        #expect(Set(orgs.map { $0["name"]! }).count == 5_000)
        #expect(orgs.allSatisfy { (try? CreditCode(validating: $0["code"]!)) != nil })

        // A file the generator does not own survives; its own stale chunks do not.
        try Data("code,name\n".utf8).write(to: dir.appendingPathComponent("orgs/extra.csv"))
        let (_, small) = try Self.generate(100, rowsPerFile: 2_000, into: dir)
        #expect(small.files == ["orgs/orgs-0001.csv", "credit/credit-0001.csv", "notices/notices-0001.csv"])
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("orgs").path).sorted()
        #expect(left == ["extra.csv", "orgs-0001.csv"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("notices").path) == ["notices-0001.csv"])
    }

    @Test func csvWriterQuotesCommasQuotesAndLineBreaks() {
        #expect(
            ChunkedCSVWriter.line(["plain", "a,b", "say \"hi\"", "two\nlines", "cr\rhere", "中文，全角逗号"])
                == "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\",中文，全角逗号\n")
        #expect(Self.parseCSV(ChunkedCSVWriter.line(["a,b", "say \"hi\"", "two\nlines"])) == [["a,b", "say \"hi\"", "two\nlines"]])
    }

    @Test func codeSerialsArePermutationsOfTheIndexes() {
        let serials = CodeSerials(seed: 20161, organizations: 1_000_000)
        var seen: Set<String> = []
        for index in 0..<200_000 { seen.insert(serials.serial(index: index, older: false)) }
        #expect(seen.count == 200_000)
        let wide = CodeSerials(seed: 3, organizations: 20_000_000)
        #expect(Set((0..<50_000).map { wide.serial(index: $0, older: false) }).count == 50_000)
    }
}
