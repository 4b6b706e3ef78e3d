import GRDB

/// The public record types as flat rows, for the bulk CSV downloads of a snapshot. The
/// headers are the Chinese column names the corpus formats accept (docs/corpus-formats.md),
/// so an export can be indexed again as it is.
public enum ExportKind: String, CaseIterable, Sendable {
    case organizations = "orgs", credit, notices, articles

    public var fileName: String { rawValue + ".csv" }

    public var header: [String] {
        switch self {
        case .organizations:
            return [
                "统一社会信用代码", "名称", "类型", "登记管理机关", "业务主管单位", "法定代表人", "成立登记日期", "注册资金", "住所", "业务范围",
                "登记状态", "评估等级", "评估等级有效期起", "评估等级有效期至", "证书有效期至", "年检结果", "所属区域", "服务中心级别",
                "服务组织数", "专职工作人员数", "办公面积",
            ]
        case .credit:
            return ["统一社会信用代码", "名称", "类别", "事由", "决定机关", "列入日期", "移出日期", "移出事由", "决定书文号", "依据", "处罚结果"]
        case .notices:
            return ["公告编号", "标题", "类别", "发布机关", "发布日期", "涉及组织", "正文"]
        case .articles:
            return ["文件编号", "标题", "文号", "效力级别", "发布机关", "时效性", "章节", "条款", "锚点", "正文"]
        }
    }

    /// Every column as text ('' for missing), in the order of `header`.
    var sql: String {
        switch self {
        case .organizations:
            return """
                SELECT code, name, type, authority, ifnull(supervisor,''), ifnull(legal_rep,''), founded, ifnull(CAST(capital AS TEXT),''),
                  ifnull(address,''), ifnull(scope,''), status, ifnull(grade,''), ifnull(grade_from,''), ifnull(grade_until,''),
                  ifnull(cert_until,''),
                  ifnull((SELECT group_concat(year || ':' || result, ';') FROM (SELECT year, result FROM org_inspection i
                          WHERE i.org_code = org.code ORDER BY year)), ''),
                  ifnull(region,''), ifnull(center_level,''), ifnull(CAST(center_served AS TEXT),''),
                  ifnull(CAST(center_staff AS TEXT),''), ifnull(CAST(center_area AS TEXT),'')
                FROM org ORDER BY code
                """
        case .credit:
            return """
                SELECT org_code, ifnull(org_name,''), list, reason, authority, date, ifnull(removed_on,''), ifnull(removal_reason,''),
                  ifnull(decision_no,''), ifnull(basis,''), ifnull(result,'')
                FROM credit_record ORDER BY id
                """
        case .notices:
            return """
                SELECT id, title, kind, issuer, date,
                  ifnull((SELECT group_concat(org_code, ';') FROM (SELECT org_code FROM notice_org o WHERE o.notice_id = notice.id
                          ORDER BY org_code)), ''),
                  ifnull(body,'')
                FROM notice ORDER BY date, id
                """
        case .articles:
            return """
                SELECT d.id, d.title, ifnull(d.doc_number,''), ifnull(d.level,''), ifnull(d.issuer,''), ifnull(d.status,''),
                  ifnull(u.chapter,''), u.label, u.anchor, u.text
                FROM unit u JOIN document d ON d.id = u.document_id ORDER BY d.id, u.seq
                """
        }
    }
}

extension GongshiDatabase {
    /// Calls `body` with each row of `kind`, streamed from one read transaction (a
    /// million organizations never sit in memory). Returns the number of rows.
    @discardableResult
    public func exportRows(_ kind: ExportKind, _ body: ([String]) throws -> Void) throws(StoreError) -> Int {
        try read { db in
            var count = 0
            let rows = try Row.fetchCursor(db, sql: kind.sql)
            let width = kind.header.count
            while let row = try rows.next() {
                try body((0..<width).map { (row[$0] as String?) ?? "" })
                count += 1
            }
            return count
        }
    }
}
