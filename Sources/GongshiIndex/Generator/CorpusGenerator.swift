import Foundation
import GongshiStore

/// What a generator run wrote.
public struct GenerationSummary: Sendable {
    public var organizations = 0
    public var creditRecords = 0
    public var notices = 0
    public var files: [String] = []
}

/// Writes fictional but realistic organizations, credit records and notices in the
/// corpus CSV formats (docs/corpus-formats.md). Deterministic for a seed, and
/// streaming: rows go to files of at most `rowsPerFile`, so a million organizations
/// need no more memory than a hundred.
public struct CorpusGenerator: Sendable {
    public let organizations: Int
    public let seed: UInt64
    public var rowsPerFile = 50_000

    public init(organizations: Int, seed: UInt64 = 20161) {
        self.organizations = max(0, organizations)
        self.seed = seed
    }

    public func write(to directory: URL) throws -> GenerationSummary {
        let fm = FileManager.default
        for folder in ["orgs", "credit", "notices"] {
            let url = directory.appendingPathComponent(folder)
            try fm.createDirectory(at: url, withIntermediateDirectories: true)
            for name in (try? fm.contentsOfDirectory(atPath: url.path)) ?? [] where name.hasSuffix(".csv") {
                try fm.removeItem(at: url.appendingPathComponent(name))
            }
        }
        var orgs = ChunkedCSVWriter(directory: directory.appendingPathComponent("orgs"), prefix: "orgs",
                                    header: RecordKind.orgs.fields.map(\.key), rowsPerFile: rowsPerFile)
        var credit = ChunkedCSVWriter(directory: directory.appendingPathComponent("credit"), prefix: "credit",
                                      header: RecordKind.credit.fields.map(\.key), rowsPerFile: rowsPerFile)
        var notices = ChunkedCSVWriter(directory: directory.appendingPathComponent("notices"), prefix: "notices",
                                       header: RecordKind.notices.fields.map(\.key), rowsPerFile: rowsPerFile)
        var random = SeededRandom(seed: seed)
        var summary = GenerationSummary()
        var inspectionBatches: [String: [String]] = [:]   // "district|year" -> codes
        var gradeBatches: [String: [String]] = [:]
        var noticeSeq = 0

        func noticeId(_ district: District, _ date: String) -> String {
            noticeSeq += 1
            return "N-\(district.code)-\(date.prefix(4))-\(noticeSeq)"
        }

        for index in 0..<organizations {
            let org = SampleOrganization(index: index, total: organizations, random: &random)
            try orgs.write(org.row)
            summary.organizations += 1

            let d = org.district
            try notices.write([noticeId(d, org.founded), "关于\(org.name)成立登记的公告", "成立登记", d.authority, org.founded, org.code,
                               "经审查，\(org.name)（统一社会信用代码：\(org.code)）符合\(org.regulation)规定的条件，准予成立登记。住所：\(org.address)。法定代表人：\(org.legalRep)。"])
            summary.notices += 1
            if let changed = org.changedOn {
                try notices.write([noticeId(d, changed), "关于\(org.name)变更登记的公告", "变更登记", d.authority, changed, org.code,
                                   "\(org.name)申请变更住所和法定代表人，经审查，准予变更登记。"])
                summary.notices += 1
            }
            if let ended = org.endedOn {
                let kind = org.status == "已注销" ? "注销登记" : "撤销登记"
                let reason = org.status == "已注销" ? "经会员（代表）大会决议自行解散，已完成清算" : "连续两年未参加年度检查，依据\(org.regulation)予以撤销登记"
                try notices.write([noticeId(d, ended), "关于\(org.name)\(kind)的公告", kind, d.authority, ended, org.code,
                                   "\(org.name)（统一社会信用代码：\(org.code)）\(reason)。自公告之日起，该组织不得再以\(org.name)名义开展活动。"])
                summary.notices += 1
            }
            for inspection in org.inspections {
                inspectionBatches["\(d.code)|\(inspection.year)", default: []].append(org.code)
            }
            if let grade = org.grade, let from = org.gradeFrom {
                gradeBatches["\(d.code)|\(from)|\(grade)", default: []].append(org.code)
            }
            for record in org.creditRecords(random: &random) {
                try credit.write(record.row)
                summary.creditRecords += 1
                if record.list == CreditRecord.penalty {
                    try notices.write([noticeId(d, record.date), "\(d.authority)行政处罚决定公告（\(record.decisionNo)）", "行政处罚", d.authority, record.date, org.code,
                                       "\(org.name)（统一社会信用代码：\(org.code)）\(record.reason)，违反了\(record.basis)的规定。本机关依法作出\(record.result)的行政处罚。"])
                    summary.notices += 1
                }
            }
        }
        // Batch notices: one per district and year for annual inspections, one per grade batch.
        for key in inspectionBatches.keys.sorted() {
            let parts = key.split(separator: "|")
            guard let district = District.all.first(where: { $0.code == parts[0] }) else { continue }
            let year = String(parts[1])
            for (n, batch) in stride(from: 0, to: inspectionBatches[key]!.count, by: 200).enumerated() {
                let codes = Array(inspectionBatches[key]![batch..<min(batch + 200, inspectionBatches[key]!.count)])
                let date = "\(Int(year)! + 1)-06-\(String(format: "%02d", 10 + n % 18))"
                try notices.write([noticeId(district, date), "\(district.authority)关于\(year)年度社会组织年检结果的公告（第\(n + 1)批）", "年检结果",
                                   district.authority, date, codes.joined(separator: ";"),
                                   "根据《社会团体登记管理条例》《民办非企业单位登记管理暂行条例》《基金会管理条例》，现将\(year)年度本区社会组织年度检查结果予以公告，涉及社会组织\(codes.count)家。"])
                summary.notices += 1
            }
        }
        for key in gradeBatches.keys.sorted() {
            let parts = key.split(separator: "|")
            guard let district = District.all.first(where: { $0.code == parts[0] }) else { continue }
            let codes = gradeBatches[key]!.prefix(200)
            try notices.write([noticeId(district, String(parts[1])), "\(district.authority)关于公布社会组织评估等级结果的公告（\(parts[2])级）", "评估等级",
                               district.authority, String(parts[1]), codes.joined(separator: ";"),
                               "根据《社会组织评估管理办法》，经评估委员会审定，下列\(codes.count)家社会组织获得\(parts[2])等级，有效期五年。"])
            summary.notices += 1
        }
        summary.files = try orgs.finish() + credit.finish() + notices.finish()
        return summary
    }
}
