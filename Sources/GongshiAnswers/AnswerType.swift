/// What a question asks for, and what a unit of a regulation contains, in the same seven
/// kinds, so that ranking can prefer an article of the kind the question wants: a question
/// about how much money wants the article with the amount (10万元), one about how long
/// wants the time limit (60日内). Rules, not learning: the signals are few and stable.
struct AnswerType: OptionSet, Sendable, Hashable {
    let rawValue: UInt8

    static let amount = AnswerType(rawValue: 1 << 0)
    static let timeLimit = AnswerType(rawValue: 1 << 1)
    static let materials = AnswerType(rawValue: 1 << 2)
    static let conditions = AnswerType(rawValue: 1 << 3)
    static let authority = AnswerType(rawValue: 1 << 4)
    static let penalty = AnswerType(rawValue: 1 << 5)
    static let definition = AnswerType(rawValue: 1 << 6)
    /// Kinds or items of a list: 分为几级, 哪几种, 写明哪些内容 / 分为…, 包括下列….
    static let enumeration = AnswerType(rawValue: 1 << 7)

    static let names: [(AnswerType, String)] = [
        (.amount, "amount"), (.timeLimit, "time_limit"), (.materials, "materials"), (.conditions, "conditions"),
        (.authority, "who_where"), (.penalty, "penalty"), (.definition, "definition"), (.enumeration, "enumeration"),
    ]

    var names: [String] { Self.names.filter { contains($0.0) }.map(\.1) }

    /// Ways of asking for each kind (folded: Simplified).
    static let questionCues: [(AnswerType, [String])] = [
        (
            .amount,
            ["多少钱", "多少资金", "多少万", "多少元", "多少费用", "资金多少", "注册资金", "注册资本", "费用", "收费", "要花", "出资", "交钱", "交费", "缴费", "钱"]
        ),
        (.timeLimit, ["多久", "多长时间", "几天", "几个月", "多少天", "多少日", "期限", "什么时候", "何时", "之前", "截止", "时限", "多长"]),
        // Not 要交 alone: 要交钱 asks for an amount.
        (.materials, ["材料", "哪些文件", "什么文件", "要交什么", "要交哪些", "交什么", "交哪些", "提交什么", "提交哪些", "带什么", "准备什么", "手续", "资料", "申请书"]),
        (.conditions, ["条件", "能不能", "可不可以", "能否", "可否", "是否可以", "资格", "要求", "门槛", "够不够"]),
        (.authority, ["哪个部门", "什么部门", "哪个机关", "去哪", "到哪", "哪里办", "找谁", "谁批", "谁审批", "谁负责", "谁管", "主管", "在哪"]),
        (.penalty, ["处罚", "罚款", "会怎样", "会怎么样", "后果", "责任", "怎么处理", "被罚", "违法", "吊销", "撤销登记"]),
        (.definition, ["什么是", "是什么", "是指", "指什么", "含义", "定义", "什么叫", "概念"]),
        (.enumeration, ["哪几", "几种", "几类", "几级", "几个等级", "种类", "分为", "分哪", "哪些内容", "哪些事项", "包括哪些", "写明哪些", "哪些情形"]),
    ]

    /// What a unit's text contains (folded).
    static let contentCues: [(AnswerType, [String])] = [
        (.amount, ["万元", "元以上", "元以下", "资金", "注册资本", "费用", "收费"]),
        (.timeLimit, ["日内", "日起", "个月内", "个月", "年内", "工作日", "期限", "日前", "届满"]),
        (.materials, ["提交下列文件", "下列文件", "下列材料", "申请书", "证明文件", "应当提交", "提交", "材料"]),
        (.conditions, ["应当具备下列条件", "下列条件", "具备", "条件", "不得"]),
        (.authority, ["登记管理机关", "业务主管单位", "主管部门", "人民政府", "民政部门", "管辖", "负责"]),
        (.penalty, ["警告", "罚款", "撤销登记", "吊销", "没收", "责令", "法律责任", "处罚", "追究"]),
        (.definition, ["是指", "所称", "本法所称", "本条例所称"]),
        (.enumeration, ["分为", "下列内容", "下列事项", "下列情形", "包括下列", "下列"]),
    ]

    static func ofQuestion(_ folded: String) -> AnswerType {
        var type: AnswerType = []
        for (kind, cues) in questionCues where cues.contains(where: { folded.contains($0) }) { type.insert(kind) }
        return type
    }

    /// Whether `text` defines one of `terms` (two characters or more): 本法所称慈善信托…, 志愿者是指….
    static func defines(_ text: String, terms: [String]) -> Bool {
        let bytes = ByteText(text)
        return terms.contains { term in
            term.count >= 2
                && ["所称" + term, term + "是指", term + "，是指", term + ",是指"].contains { bytes.contains(ByteText($0)) }
        }
    }

    static func ofUnit(_ folded: String) -> AnswerType {
        let bytes = ByteText(folded)
        var type: AnswerType = []
        for (kind, cues) in contentCues where cues.contains(where: { bytes.contains(ByteText($0)) }) { type.insert(kind) }
        return type
    }
}
