/// A field of activity: the words an organization's name ends with for each type, its
/// business scope and its usual supervising unit. Name stems are written per type so
/// that names read as real ones do (青少年足球协会, 青少年足球俱乐部), never as a field
/// glued to an unrelated suffix.
struct ActivityField: Sendable {
    let key: String
    /// The supervising unit without the district prefix (`教育局`); empty when
    /// organizations of the field usually register directly.
    let supervisor: String
    /// Phrases of the business scope, in a natural order; three or four are used.
    let activities: [String]
    /// Name stems for 社会团体 (ending 协会/学会/研究会/促进会/联合会/商会).
    let society: [String]
    /// Name stems for 民办非企业单位 and 社会服务机构.
    let service: [String]
    /// Name stems for 基金会 (ending 基金会).
    let foundation: [String]

    func stems(for type: OrganizationType) -> [String] {
        switch type {
        case .society: return society
        case .nonEnterprise, .socialService: return service
        case .foundation: return foundation
        }
    }

    static let all: [ActivityField] = [
        ActivityField(
            key: "青少年足球", supervisor: "体育局",
            activities: ["开展青少年足球培训", "组织足球赛事和交流活动", "培养青少年足球后备人才", "提供足球运动咨询服务"],
            society: ["青少年足球协会", "足球运动协会"], service: ["青少年足球俱乐部", "青少年足球培训中心"], foundation: []),
        ActivityField(
            key: "篮球", supervisor: "体育局",
            activities: ["推广群众性篮球运动", "组织篮球联赛和交流活动", "开展篮球技术培训"],
            society: ["篮球协会"], service: ["篮球俱乐部", "青少年篮球训练中心"], foundation: []),
        ActivityField(
            key: "围棋", supervisor: "体育局",
            activities: ["推广围棋运动", "组织围棋比赛和段级位赛", "开展围棋教学培训", "举办棋艺交流活动"],
            society: ["围棋协会", "棋类运动协会"], service: ["围棋培训学校", "棋院"], foundation: []),
        ActivityField(
            key: "全民健身", supervisor: "体育局",
            activities: ["组织全民健身活动", "开展健身指导和培训", "举办群众性体育比赛", "普及科学健身知识"],
            society: ["老年人体育协会", "健身气功协会", "太极拳协会", "钓鱼协会", "信鸽协会", "登山户外运动协会"],
            service: ["全民健身指导中心", "体育健身俱乐部"], foundation: []),
        ActivityField(
            key: "老年书画", supervisor: "文化和旅游局",
            activities: ["组织老年人书画创作与展览", "开展书画艺术交流和培训", "举办书画公益讲座"],
            society: ["老年书画研究会", "老年书画协会"], service: ["老年书画院"], foundation: []),
        ActivityField(
            key: "书法", supervisor: "文化和旅游局",
            activities: ["开展书法研究和创作", "举办书法展览和学术交流", "开展书法教学培训", "推动书法进校园、进社区"],
            society: ["书法家协会", "书法研究会"], service: ["书法培训学校", "书画院"], foundation: []),
        ActivityField(
            key: "摄影", supervisor: "文化和旅游局",
            activities: ["组织摄影创作和采风活动", "举办摄影展览和评选", "开展摄影技术培训与交流"],
            society: ["摄影家协会", "摄影协会"], service: ["摄影艺术中心"], foundation: []),
        ActivityField(
            key: "文化艺术", supervisor: "文化和旅游局",
            activities: ["组织群众文化艺术活动", "开展非物质文化遗产保护与传承", "举办文艺演出和展示交流", "开展艺术普及培训"],
            society: ["文化艺术促进会", "群众文化学会", "民间文艺家协会"],
            service: ["文化艺术培训学校", "艺术团", "文化艺术服务中心"], foundation: ["文化发展基金会"]),
        ActivityField(
            key: "戏曲", supervisor: "文化和旅游局",
            activities: ["开展戏曲演出和票友交流", "传承和推广地方戏曲", "举办戏曲知识讲座和培训"],
            society: ["戏曲票友协会", "戏剧家协会"], service: ["戏曲艺术团"], foundation: []),
        ActivityField(
            key: "舞蹈", supervisor: "文化和旅游局",
            activities: ["开展舞蹈教学培训", "组织舞蹈展演和比赛", "推广广场舞等群众性舞蹈活动"],
            society: ["舞蹈协会", "广场舞协会"], service: ["舞蹈培训学校", "舞蹈艺术团"], foundation: []),
        ActivityField(
            key: "社区志愿", supervisor: "精神文明建设委员会办公室",
            activities: ["招募和培训志愿者", "组织社区志愿服务活动", "开展公益宣传和倡导", "对接社区居民服务需求"],
            society: ["志愿者协会", "志愿服务联合会"], service: ["社区志愿服务中心", "社区服务中心"], foundation: []),
        ActivityField(
            key: "社会工作", supervisor: "民政局",
            activities: ["开展社会工作专业服务", "为困难群体提供个案和小组服务", "承接政府购买社会工作服务项目", "开展社会工作者培训和督导"],
            society: ["社会工作者协会", "社会工作协会"], service: ["社会工作服务社", "社工服务中心", "社会工作事务所"], foundation: []),
        ActivityField(
            key: "心理咨询", supervisor: "卫生健康委员会",
            activities: ["提供心理健康咨询", "开展心理健康教育和科普讲座", "开展心理危机干预培训", "为社区居民提供心理疏导服务"],
            society: ["心理咨询师协会", "心理卫生协会"], service: ["心理咨询服务中心", "心理健康服务中心"], foundation: []),
        ActivityField(
            key: "慈善", supervisor: "民政局",
            activities: ["募集慈善财产", "开展扶贫济困和救灾救助", "资助社区公益项目", "开展慈善文化宣传"],
            society: ["慈善联合会", "慈善协会", "公益联合会"], service: ["慈善服务中心", "公益服务中心"],
            foundation: ["慈善基金会", "公益基金会", "社会福利基金会"]),
        ActivityField(
            key: "助学", supervisor: "教育局",
            activities: ["资助家庭经济困难学生", "奖励优秀学生和教师", "支持农村和薄弱学校发展", "开展助学公益活动"],
            society: ["教育发展促进会", "教育学会"], service: ["助学服务中心"],
            foundation: ["助学基金会", "教育发展基金会", "教育基金会", "奖学基金会"]),
        ActivityField(
            key: "养老服务", supervisor: "民政局",
            activities: ["为老年人提供生活照料和康复护理", "提供社区助餐、助浴和日间照料服务", "开展老年人精神慰藉和文体活动", "开展养老护理员培训"],
            society: ["养老服务业协会", "老年协会", "老龄事业发展促进会"],
            service: ["敬老院", "养老院", "长者照护中心", "老年日间照料中心", "养老服务中心", "护理院"],
            foundation: ["老年福利基金会", "敬老基金会"]),
        ActivityField(
            key: "残疾人康复", supervisor: "残疾人联合会",
            activities: ["为残疾人提供康复训练和辅具适配服务", "开展残疾人职业技能培训", "提供残疾儿童康复教育", "开展助残志愿服务"],
            society: ["残疾人康复协会", "助残协会"], service: ["残疾人康复中心", "康复中心", "残疾儿童康复训练中心", "助残服务社"],
            foundation: ["助残基金会"]),
        ActivityField(
            key: "家庭教育", supervisor: "教育局",
            activities: ["开展家庭教育指导和家长课堂", "组织亲子阅读和社会实践活动", "开展家庭教育研究和咨询"],
            society: ["家庭教育研究会", "家庭教育指导协会"], service: ["家庭教育指导中心", "亲子阅读服务中心"], foundation: []),
        ActivityField(
            key: "学前教育", supervisor: "教育局",
            activities: ["实施学前教育", "开展幼儿保育和教育活动", "提供婴幼儿托育服务", "开展家园共育指导"],
            society: ["学前教育研究会", "民办教育协会"], service: ["幼儿园", "双语幼儿园", "艺术幼儿园", "托育中心"], foundation: []),
        ActivityField(
            key: "职业技能", supervisor: "人力资源和社会保障局",
            activities: ["开展职业技能培训", "组织职业技能等级认定", "提供就业创业指导服务"],
            society: ["职业培训协会", "人力资源服务行业协会"], service: ["职业技能培训学校", "培训学校"], foundation: []),
        ActivityField(
            key: "食品安全", supervisor: "市场监督管理局",
            activities: ["开展食品安全宣传和培训", "推动食品行业自律", "提供食品安全技术咨询服务"],
            society: ["食品安全促进会", "食品行业协会", "餐饮行业协会"], service: ["食品安全技术服务中心"], foundation: []),
        ActivityField(
            key: "物业管理", supervisor: "房屋管理局",
            activities: ["开展物业管理行业自律", "组织物业从业人员培训", "调解物业管理纠纷", "提供物业管理政策咨询"],
            society: ["物业管理协会"], service: ["物业纠纷调解中心"], foundation: []),
        ActivityField(
            key: "环保", supervisor: "生态环境局",
            activities: ["开展环境保护宣传教育", "组织垃圾分类指导和生态保护志愿活动", "开展环境监测和生态调查", "推广绿色低碳生活方式"],
            society: ["环境保护协会", "环保志愿者协会", "生态文化协会"], service: ["环境教育中心", "生态环境服务中心"],
            foundation: ["环境保护基金会", "绿色发展基金会"]),
        ActivityField(
            key: "退役军人服务", supervisor: "退役军人事务局",
            activities: ["为退役军人提供就业创业指导", "开展退役军人权益维护和帮扶", "组织双拥共建活动"],
            society: ["退役军人服务协会", "双拥促进会"], service: ["退役军人就业创业服务中心"], foundation: ["拥军优属基金会"]),
        ActivityField(
            key: "科普", supervisor: "科学技术协会",
            activities: ["开展科学普及和科普讲座", "组织青少年科技创新教育活动", "推广实用科技知识"],
            society: ["科普志愿者协会", "科技教育学会", "青少年科技教育协会"], service: ["青少年科技活动中心", "科普教育中心"], foundation: []),
        ActivityField(
            key: "法律服务", supervisor: "司法局",
            activities: ["提供法律咨询和法治宣传", "开展人民调解和矛盾纠纷化解", "为困难群众提供法律援助服务"],
            society: ["人民调解协会", "法律服务工作者协会"], service: ["法律服务中心", "婚姻家庭调解中心", "矛盾纠纷调解中心"], foundation: []),
        ActivityField(
            key: "行业商会", supervisor: "工商业联合会",
            activities: ["开展行业自律和信息交流", "为会员企业提供政策咨询和培训服务", "维护会员合法权益", "促进商贸交流与合作"],
            society: ["建材商会", "家具商会", "汽车商会", "餐饮商会", "电子商务商会", "服装商会", "个体劳动者协会"], service: [], foundation: []),
        ActivityField(
            key: "青年创业", supervisor: "人力资源和社会保障局",
            activities: ["开展青年创业培训和交流", "为青年创业者提供孵化和咨询服务", "组织创业项目路演和对接"],
            society: ["青年创业者协会", "青年企业家协会"], service: ["创业孵化服务中心"], foundation: ["青年发展基金会"]),
        ActivityField(
            key: "婚姻家庭", supervisor: "妇女联合会",
            activities: ["开展婚姻家庭辅导和咨询", "维护妇女儿童合法权益", "组织家庭文明建设活动"],
            society: ["婚姻家庭研究会", "妇女儿童发展促进会"], service: ["妇女儿童服务中心", "婚姻家庭咨询服务中心"],
            foundation: ["妇女儿童发展基金会"]),
        ActivityField(
            key: "禁毒", supervisor: "禁毒委员会办公室",
            activities: ["开展禁毒宣传教育", "为社区戒毒康复人员提供社会工作服务", "组织禁毒志愿者活动"],
            society: ["禁毒志愿者协会"], service: ["禁毒社会工作服务中心"], foundation: []),
        ActivityField(
            key: "医疗卫生", supervisor: "卫生健康委员会",
            activities: ["提供中医和全科门诊服务", "开展健康体检和慢性病管理", "开展健康教育和义诊活动"],
            society: ["中医药学会", "医师协会", "护理学会"], service: ["中医门诊部", "康复医院", "口腔门诊部"], foundation: []),
        ActivityField(
            key: "乡村振兴", supervisor: "农业农村委员会",
            activities: ["开展农业技术推广和培训", "组织特色农产品产销对接", "开展农村公益帮扶"],
            society: ["农业产业促进会", "农村经济研究会", "渔业协会"], service: ["农业技术服务中心"], foundation: ["乡村振兴基金会"]),
        ActivityField(
            key: "旅游", supervisor: "文化和旅游局",
            activities: ["开展旅游行业自律和服务质量提升", "组织旅游推介和宣传活动", "开展旅游从业人员培训"],
            society: ["旅游协会", "民宿协会"], service: ["旅游咨询服务中心"], foundation: []),
        ActivityField(
            key: "安全生产", supervisor: "应急管理局",
            activities: ["开展安全生产宣传和培训", "提供安全生产技术咨询服务", "组织应急救护演练"],
            society: ["安全生产协会"], service: ["安全生产技术服务中心", "应急救护培训中心"], foundation: []),
        ActivityField(
            key: "儿童关爱", supervisor: "民政局",
            activities: ["为困境儿童提供关爱帮扶服务", "开展儿童安全和成长教育", "组织儿童课后托管和阅读活动"],
            society: ["儿童福利促进会"], service: ["儿童服务中心", "儿童关爱服务中心", "青少年事务服务社"],
            foundation: ["儿童发展基金会", "青少年发展基金会"]),
    ]

    /// Fields with at least one stem for each type, for drawing a field after the type.
    static let byType: [[ActivityField]] = OrganizationType.allCases.map { type in
        all.filter { !$0.stems(for: type).isEmpty }
    }

    /// The field of 社会组织服务中心 (service centers for social organizations).
    static let serviceCenter = ActivityField(
        key: "社会组织服务", supervisor: "民政局",
        activities: ["为社会组织提供孵化培育和能力建设服务", "开展社会组织政策咨询和业务培训", "承接政府购买服务项目的对接与评估", "协助开展社会组织党建和信息公开工作"],
        society: [], service: ["社会组织服务中心"], foundation: [])

    /// Industries of 行业 service centers.
    static let centerIndustries = ["体育", "文化", "教育", "养老", "卫生", "科技", "慈善", "社会工作"]
}
