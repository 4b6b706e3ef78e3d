/// One generated credit record: a listing in 活动异常名录 or 严重违法失信名单, or an
/// administrative penalty (行政处罚).
struct SampleCreditRecord: Sendable {
    enum List: String, Sendable {
        case abnormal = "活动异常名录"
        case serious = "严重违法失信名单"
        case penalty = "行政处罚"
    }

    let list: List
    let reason: String
    let authority: String
    let date: CalendarDay
    var removedOn: CalendarDay? = nil
    var removalReason: String? = nil
    var decisionNo: String? = nil
    var basis: String? = nil
    var result: String? = nil

    /// The credit CSV columns, in `CorpusGenerator.creditHeader` order.
    func row(code: String, name: String) -> [String] {
        [
            code, name, list.rawValue, reason, authority, date.text, removedOn?.text ?? "", removalReason ?? "",
            decisionNo ?? "", basis ?? "", result ?? "",
        ]
    }

    /// Reasons for 活动异常名录 (《社会组织信用信息管理办法》第九条) with the matching
    /// reason for removal; the first two follow a missed annual inspection or report.
    static let abnormalReasons: [(reason: String, removal: String)] = [
        ("未按规定参加年度检查", "已补办年度检查手续，经审核符合移出条件"),
        ("未按照规定时限报送年度工作报告", "已补报年度工作报告，经审核符合移出条件"),
        ("通过登记的住所无法取得联系", "已依法办理住所变更登记，能够通过登记的住所取得联系"),
        ("未按照规定时限办理变更登记", "已依法办理变更登记，经审核符合移出条件"),
        ("未按照规定时限办理负责人备案", "已依法办理负责人备案手续"),
        ("未按照有关规定公开应当公开的信息", "已按照规定公开相关信息，经审核符合移出条件"),
    ]
    static let abnormalWeights = [35, 15, 25, 12, 5, 8]
    static func followsMissedInspection(_ reasonIndex: Int) -> Bool { reasonIndex < 2 }
    /// The first reason that does not follow a missed inspection or report.
    static let firstReasonWithoutInspection = 2

    /// Reasons for 严重违法失信名单 (第十条).
    static let seriousAfterTwoYears = "被列入活动异常名录满2年"
    static let seriousAfterSuspension = "受到限期停止活动行政处罚"
    static let seriousAfterLargeFine = "受到5万元以上罚款处罚"
    static let seriousFalseRegistration = "弄虚作假办理变更登记，被撤销变更登记"

    /// Conduct that article 30 / 25 / 42 penalizes, for each type.
    static func penaltyReasons(_ type: OrganizationType) -> [String] {
        switch type {
        case .society:
            return [
                "超出章程规定的宗旨和业务范围进行活动", "不按照规定办理变更登记", "违反规定设立分支机构", "从事营利性的经营活动",
                "拒不接受或者不按照规定接受监督检查", "违反国家有关规定收取费用", "涂改、出借社会团体法人登记证书",
            ]
        case .nonEnterprise, .socialService:
            return [
                "超出其章程规定的宗旨和业务范围进行活动", "不按照规定办理变更登记", "从事营利性的经营活动",
                "拒不接受或者不按照规定接受监督检查", "违反国家有关规定收取费用", "设立分支机构",
            ]
        case .foundation:
            return [
                "未按照章程规定的宗旨和公益活动的业务范围进行活动", "在填制会计凭证、登记会计账簿、编制财务会计报告中弄虚作假",
                "不按照规定办理变更登记", "未按照本条例的规定完成公益事业支出额度", "未按照本条例的规定接受年度检查",
                "不履行信息公布义务或者公布虚假信息",
            ]
        }
    }

    /// Penalties other than revocation, with weights.
    static let penaltyResults = ["警告", "罚款", "没收违法所得", "限期停止活动"]
    static let penaltyResultWeights = [45, 20, 10, 25]
}
