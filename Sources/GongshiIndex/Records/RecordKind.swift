import GongshiStore

/// The three kinds of tabular corpus records, with their fields (English key, Chinese header).
public enum RecordKind: String, Sendable, CaseIterable {
    case orgs, credit, notices

    public var fields: [(key: String, chinese: String)] {
        switch self {
        case .orgs:
            return [
                ("code", "统一社会信用代码"), ("name", "名称"), ("type", "类型"), ("authority", "登记管理机关"),
                ("supervisor", "业务主管单位"), ("legal_rep", "法定代表人"), ("founded", "成立登记日期"),
                ("capital", "注册资金"), ("address", "住所"), ("scope", "业务范围"), ("status", "登记状态"),
                ("grade", "评估等级"), ("grade_from", "评估等级有效期起"), ("grade_until", "评估等级有效期至"),
                ("cert_until", "证书有效期至"), ("inspections", "年检结果"), ("region", "所属区域"),
                ("center_level", "服务中心级别"), ("center_served", "服务组织数"),
                ("center_staff", "专职工作人员数"), ("center_area", "办公面积"),
            ]
        case .credit:
            return [
                ("code", "统一社会信用代码"), ("name", "名称"), ("list", "类别"), ("reason", "事由"),
                ("authority", "决定机关"), ("date", "列入日期"), ("removed_on", "移出日期"),
                ("removal_reason", "移出事由"), ("decision_no", "决定书文号"), ("basis", "依据"),
                ("result", "处罚结果"),
            ]
        case .notices:
            return [
                ("id", "公告编号"), ("title", "标题"), ("kind", "类别"), ("issuer", "发布机关"),
                ("date", "发布日期"), ("orgs", "涉及组织"), ("body", "正文"),
            ]
        }
    }

    /// Key -> Chinese header, for messages; built once per kind, not per row.
    var chineseNames: [String: String] {
        switch self {
        case .orgs: return RecordKind.names.orgs
        case .credit: return RecordKind.names.credit
        case .notices: return RecordKind.names.notices
        }
    }

    private static let names = (
        orgs: Dictionary(RecordKind.orgs.fields.map { ($0.key, $0.chinese) }, uniquingKeysWith: { a, _ in a }),
        credit: Dictionary(RecordKind.credit.fields.map { ($0.key, $0.chinese) }, uniquingKeysWith: { a, _ in a }),
        notices: Dictionary(RecordKind.notices.fields.map { ($0.key, $0.chinese) }, uniquingKeysWith: { a, _ in a })
    )
}

/// Turns validated rows into model values; a row with any problem is rejected whole.
enum RecordParser {
    static func organization(_ row: RecordRow, file: String) throws(RowProblem) -> Organization {
        let r = FieldReader(row: row, file: file, names: RecordKind.orgs.chineseNames)
        let code = try r.code("code")
        let name = try r.required("name")
        guard let type = try r.oneOf("type", Organization.types) else { throw r.problem("type", "缺少必填字段") }
        let authority = try r.required("authority")
        guard let founded = try r.date("founded", required: true) else { throw r.problem("founded", "缺少必填字段") }
        guard let status = try r.oneOf("status", Organization.statuses) else { throw r.problem("status", "缺少必填字段") }
        var org = Organization(code: code, name: name, type: type, authority: authority, founded: founded, status: status)
        org.supervisor = r.optional("supervisor")
        org.legalRep = r.optional("legal_rep")
        org.capital = try r.number("capital")
        org.address = r.optional("address")
        org.scope = r.optional("scope")
        org.grade = try r.oneOf("grade", Organization.grades, required: false)
        org.gradeFrom = try r.date("grade_from")
        org.gradeUntil = try r.date("grade_until")
        if org.grade != nil, org.gradeUntil == nil { throw r.problem("grade_until", "有评估等级时必须填写有效期") }
        if let from = org.gradeFrom, let until = org.gradeUntil, until < from { throw r.problem("grade_until", "有效期截止早于起始日期") }
        org.certUntil = try r.date("cert_until")
        org.region = r.optional("region")
        if let text = r.optional("inspections") {
            for item in FieldValue.list(text) {
                let parts = item.split(whereSeparator: { $0 == ":" || $0 == "：" }).map { RecordRow.trim(String($0)) }
                guard parts.count == 2, let year = Int(parts[0]), (1980...2100).contains(year),
                    Organization.inspectionResults.contains(parts[1])
                else {
                    throw r.problem("inspections", "“\(item)”应为 年份:结果（结果为\(Organization.inspectionResults.joined(separator: "、"))）")
                }
                org.inspections.append(.init(year: year, result: parts[1]))
            }
        }
        org.centerLevel = try r.oneOf("center_level", Organization.centerLevels, required: false)
        org.centerServed = try r.integer("center_served")
        org.centerStaff = try r.integer("center_staff")
        org.centerArea = try r.number("center_area")
        return org
    }

    static func credit(_ row: RecordRow, file: String) throws(RowProblem) -> CreditRecord {
        let r = FieldReader(row: row, file: file, names: RecordKind.credit.chineseNames)
        let code = try r.code("code")
        guard let list = try r.oneOf("list", CreditRecord.lists) else { throw r.problem("list", "缺少必填字段") }
        let reason = try r.required("reason")
        let authority = try r.required("authority")
        guard let date = try r.date("date", required: true) else { throw r.problem("date", "缺少必填字段") }
        var record = CreditRecord(orgCode: code, list: list, reason: reason, authority: authority, date: date)
        record.orgName = r.optional("name")
        record.removedOn = try r.date("removed_on")
        if let removed = record.removedOn {
            if list == CreditRecord.penalty { throw r.problem("removed_on", "行政处罚记录没有移出日期") }
            if removed < date { throw r.problem("removed_on", "移出日期早于列入日期") }
        }
        record.removalReason = r.optional("removal_reason")
        record.decisionNo = r.optional("decision_no")
        record.basis = r.optional("basis")
        record.result = r.optional("result")
        if list == CreditRecord.penalty {
            if record.decisionNo == nil { throw r.problem("decision_no", "行政处罚记录必须填写决定书文号") }
            if record.result == nil { throw r.problem("result", "行政处罚记录必须填写处罚结果") }
        }
        return record
    }

    static func notice(_ row: RecordRow, file: String) throws(RowProblem) -> Notice {
        let r = FieldReader(row: row, file: file, names: RecordKind.notices.chineseNames)
        let title = try r.required("title")
        guard let kind = try r.oneOf("kind", Notice.kinds) else { throw r.problem("kind", "缺少必填字段") }
        let issuer = try r.required("issuer")
        guard let date = try r.date("date", required: true) else { throw r.problem("date", "缺少必填字段") }
        var codes: [String] = []
        if let text = r.optional("orgs") {
            for item in FieldValue.list(text) {
                do { codes.append(try CreditCodeValidation.validate(item)) } catch {
                    throw r.problem("orgs", "统一社会信用代码“\(item)”无效：\(error.message)")
                }
            }
        }
        let id = r.optional("id") ?? "N-\(date)-\(StableHash.hex(of: Array((title + date).utf8)).prefix(10))"
        return Notice(id: id, title: title, kind: kind, issuer: issuer, date: date, orgCodes: codes, body: r.optional("body"))
    }
}
