/// Writes the disclosure notices: one per organization event (成立登记, 变更登记,
/// 注销登记, 撤销登记, 行政处罚) as organizations are generated, and batch notices (年检结果
/// per authority and year, 评估等级 per authority and grade year) listing up to
/// `batchSize` organizations each. A batch is written as soon as it is full, and the
/// rest at the end, so memory holds at most one open batch per authority and year.
struct NoticeComposer {
    static let batchSize = 200
    static let firstInspectionNoticeYear = 2021
    static let regulations = "《社会团体登记管理条例》《民办非企业单位登记管理暂行条例》《基金会管理条例》"

    private struct Batch {
        var codes: [String] = []
        /// Inspection results or grades, counted.
        var counts: [Int]
        /// Names worth naming in the body (failed inspections, 5A grades).
        var named: [String] = []
        var number = 0
    }

    private var writer: ChunkedCSVWriter
    private let seed: UInt64
    private var sequence: [[Int]]
    private var inspections: [[Batch]]
    private var grades: [[Batch]]
    private(set) var count = 0

    init(writer: ChunkedCSVWriter, seed: UInt64) {
        self.writer = writer
        self.seed = seed
        let years = GenerationContext.lastYear - GenerationContext.firstYear + 1
        let authorities = RegistrationAuthority.all.count
        sequence = Array(repeating: Array(repeating: 0, count: years), count: authorities)
        inspections = Array(repeating: Array(repeating: Batch(counts: [0, 0, 0, 0]), count: years), count: authorities)
        grades = Array(repeating: Array(repeating: Batch(counts: [0, 0, 0, 0, 0]), count: years), count: authorities)
    }

    /// Every notice about one organization, and its entries in batch notices.
    mutating func add(_ org: SampleOrganization) throws {
        let who = "\(org.name)（统一社会信用代码：\(org.code)）"

        var lines = [
            "根据\(org.type.regulation)的规定，经审查，\(org.name)符合成立登记条件，本机关准予成立登记，并颁发登记证书。现将有关事项公告如下：",
            "统一社会信用代码：\(org.code)",
            "住所：\(org.change?.item == "住所" ? org.change!.from : org.address)",
            "法定代表人：\(org.change?.item == "法定代表人" ? org.change!.from : org.legalRep)",
            "\(org.type.capitalLabel)：\(org.change?.item == org.type.capitalLabel ? org.change!.from : org.capital + "万元")",
        ]
        if !org.supervisor.isEmpty { lines.append("业务主管单位：\(org.supervisor)") }
        lines.append("业务范围：\(org.scope)")
        lines.append("特此公告。")
        try write(
            authority: org.authorityIndex, title: "关于\(org.name)成立登记的公告", kind: "成立登记", date: org.founded,
            orgs: org.code, body: lines.joined(separator: "\n"))

        if let change = org.change {
            try write(
                authority: org.authorityIndex, title: "关于\(org.name)变更登记的公告", kind: "变更登记", date: change.date, orgs: org.code,
                body: "\(who)申请变更\(change.item)，经审查，符合\(org.type.regulation)的有关规定，本机关准予变更登记。\(change.item)由“\(change.from)”变更为“\(change.to)”。\n特此公告。")
        }

        for record in org.credit where record.list == .penalty {
            let lines = [
                "当事人：\(org.name)", "统一社会信用代码：\(org.code)", "法定代表人：\(org.legalRep)",
                "经查，当事人\(record.reason)，违反了\(record.basis ?? "")的规定。依据\(record.basis ?? "")，本机关决定给予当事人\(record.result ?? "")的行政处罚（\(record.decisionNo ?? "")）。",
                "当事人如不服本处罚决定，可以在收到处罚决定书之日起六十日内依法申请行政复议，或者在六个月内依法提起行政诉讼。",
            ]
            try write(
                authority: org.authorityIndex, title: "关于对\(org.name)作出行政处罚的公告", kind: "行政处罚", date: record.date,
                orgs: org.code, body: lines.joined(separator: "\n"))
        }

        if let ended = org.endedOn {
            if org.status == .deregistered {
                try write(
                    authority: org.authorityIndex, title: "关于\(org.name)注销登记的公告", kind: "注销登记", date: ended, orgs: org.code,
                    body:
                        "\(who)经\(org.type.dissolvingBody)决议解散，已完成清算，向本机关申请注销登记。经审查，符合\(org.type.regulation)的有关规定，本机关准予注销登记，收缴其登记证书和印章。自\(ended.chineseText)起，任何单位和个人不得再以\(org.name)的名义开展活动。\n特此公告。"
                )
            } else {
                let decision = org.credit.first { $0.result == "撤销登记" }?.decisionNo
                try write(
                    authority: org.authorityIndex, title: "关于撤销\(org.name)登记的公告", kind: "撤销登记", date: ended, orgs: org.code,
                    body:
                        "\(who)\(org.revocationReason ?? "连续两年未按照规定参加年度检查")，违反了\(org.type.penaltyArticle)的规定。本机关依法作出撤销登记的行政处罚\(decision.map { "（\($0)）" } ?? "")，收缴其登记证书和印章。自本公告发布之日起，该组织不得再以\(org.name)的名义开展活动。\n特此公告。"
                )
            }
        }

        let y0 = GenerationContext.firstYear
        // Inspection notices start in 2021: from then on every organization's result is
        // generated (the last five years), so a notice lists the whole year.
        for inspection in org.inspections where inspection.year >= Self.firstInspectionNoticeYear {
            let a = org.authorityIndex
            let y = inspection.year - y0
            inspections[a][y].codes.append(org.code)
            inspections[a][y].counts[inspection.result] += 1
            if inspection.result >= 2 { inspections[a][y].named.append(org.name) }
            if inspections[a][y].codes.count == Self.batchSize { try flushInspections(authority: a, year: inspection.year, last: false) }
        }
        if let grade = org.grade, let from = org.gradeFrom {
            let a = org.authorityIndex
            let y = from.year - y0
            grades[a][y].codes.append(org.code)
            grades[a][y].counts[grade] += 1
            if grade == 0 { grades[a][y].named.append(org.name) }
            if grades[a][y].codes.count == Self.batchSize { try flushGrades(authority: a, year: from.year, last: false) }
        }
    }

    /// Writes the open batches and closes the files; returns the paths written.
    mutating func finish() throws -> [String] {
        for a in RegistrationAuthority.all.indices {
            for year in GenerationContext.firstYear...GenerationContext.lastYear {
                try flushInspections(authority: a, year: year, last: true)
                try flushGrades(authority: a, year: year, last: true)
            }
        }
        return try writer.finish()
    }

    private mutating func flushInspections(authority a: Int, year: Int, last: Bool) throws {
        let y = year - GenerationContext.firstYear
        var batch = inspections[a][y]
        guard !batch.codes.isEmpty else { return }
        batch.number += 1
        let numbered = !last || batch.number > 1
        let issuer = RegistrationAuthority.all[a].name
        let labels = SampleOrganization.inspectionResults
        let counts = zip(labels, batch.counts).filter { $0.1 > 0 }.map { "\($0.0)\($0.1)家" }.joined(separator: "、")
        var body =
            "根据\(Self.regulations)和年度检查办法的有关规定，本机关对登记的社会组织进行了\(year)年度检查。现将\(numbered ? "第\(Self.chineseNumber(batch.number))批" : "")年检结果公告如下：共\(batch.codes.count)家，其中\(counts)（名单详见附件）。"
        if !batch.named.isEmpty {
            body += "\n年检不合格或未参加年检的社会组织：\(batch.named.joined(separator: "、"))。上述社会组织应当在规定期限内完成整改，逾期未整改的，本机关将依法处理。"
        }
        body += "\n特此公告。"
        try write(
            authority: a, title: "\(issuer)关于\(year)年度社会组织年检结果的公告\(numbered ? "（第\(Self.chineseNumber(batch.number))批）" : "")",
            kind: "年检结果", date: GenerationContext.inspectionDate(seed: seed, authority: a, year: year, batch: batch.number),
            orgs: batch.codes.joined(separator: ";"), body: body)
        inspections[a][y] = Batch(counts: [0, 0, 0, 0], number: batch.number)
    }

    private mutating func flushGrades(authority a: Int, year: Int, last: Bool) throws {
        let y = year - GenerationContext.firstYear
        var batch = grades[a][y]
        guard !batch.codes.isEmpty else { return }
        batch.number += 1
        let numbered = !last || batch.number > 1
        let issuer = RegistrationAuthority.all[a].name
        let date = GenerationContext.gradeDate(seed: seed, authority: a, year: year)
        let counts = zip(SampleOrganization.grades, batch.counts).filter { $0.1 > 0 }.map { "\($0.0)级\($0.1)家" }.joined(separator: "、")
        var body =
            "根据《社会组织评估管理办法》，经社会组织评估委员会评审，现将\(year)年度社会组织评估等级结果\(numbered ? "（第\(Self.chineseNumber(batch.number))批）" : "")公告如下：共有\(batch.codes.count)家社会组织获得评估等级，其中\(counts)（名单详见附件）。"
        if !batch.named.isEmpty { body += "获评5A级的社会组织：\(batch.named.joined(separator: "、"))。" }
        body += "\n评估等级有效期为5年，自\(date.chineseText)起至\(date.adding(years: 5).chineseText)止。获得评估等级的社会组织应当将评估等级证书悬挂在服务场所或者办公场所的明显位置。\n特此公告。"
        try write(
            authority: a, title: "\(issuer)关于公布\(year)年度社会组织评估等级结果的公告\(numbered ? "（第\(Self.chineseNumber(batch.number))批）" : "")",
            kind: "评估等级", date: date, orgs: batch.codes.joined(separator: ";"), body: body)
        grades[a][y] = Batch(counts: [0, 0, 0, 0, 0], number: batch.number)
    }

    /// Writes one notice with the next id of its authority and year (`N-310118-2023-0001`).
    private mutating func write(authority a: Int, title: String, kind: String, date: CalendarDay, orgs: String, body: String) throws {
        let year = date.year
        sequence[a][year - GenerationContext.firstYear] += 1
        let n = String(sequence[a][year - GenerationContext.firstYear])
        let id = "N-\(RegistrationAuthority.all[a].code)-\(year)-\(String(repeating: "0", count: max(0, 4 - n.count)))\(n)"
        try writer.write([id, title, kind, RegistrationAuthority.all[a].name, date.text, orgs, body])
        count += 1
    }

    /// 1 -> 一, 12 -> 十二, 105 -> 一百零五, 1010 -> 一千零一十 (up to 99,999).
    static func chineseNumber(_ n: Int) -> String {
        let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        guard n > 0, n < 100_000 else { return String(n) }
        if n < 10 { return digits[n] }
        if n < 20 { return "十" + (n == 10 ? "" : digits[n % 10]) }
        let units = ["", "十", "百", "千", "万"]
        var parts: [String] = []
        var value = n
        var position = 0
        var pendingZero = false
        while value > 0 {
            let d = value % 10
            if d == 0 {
                if !parts.isEmpty { pendingZero = true }
            } else {
                if pendingZero {
                    parts.append("零")
                    pendingZero = false
                }
                parts.append(digits[d] + units[position])
            }
            value /= 10
            position += 1
        }
        return parts.reversed().joined()
    }
}
