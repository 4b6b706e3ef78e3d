import Foundation
import GongshiStore

/// A district the generator places organizations in, with its real division code.
struct District: Sendable {
    let code: String
    let city: String
    let name: String
    let streets: [String]
    let roads: [String]

    var prefix: String { city + name }
    var authority: String { prefix + "民政局" }
    var shortName: String { name }

    static let all = [
        District(code: "310118", city: "上海市", name: "青浦区", streets: ["朱家角镇", "练塘镇", "金泽镇", "夏阳街道", "盈浦街道", "香花桥街道", "赵巷镇", "徐泾镇", "华新镇", "重固镇", "白鹤镇"],
                 roads: ["城中北路", "公园路", "青松路", "外青松公路", "华青路", "盈港东路", "淀山湖大道"]),
        District(code: "330305", city: "温州市", name: "洞头区", streets: ["北岙街道", "东屏街道", "元觉街道", "霓屿街道", "大门镇", "鹿西乡"],
                 roads: ["环岛东路", "瓯江路", "海霞路", "新城大道"]),
        District(code: "310104", city: "上海市", name: "徐汇区", streets: ["天平路街道", "湖南路街道", "斜土路街道", "枫林路街道", "田林街道", "康健新村街道"],
                 roads: ["漕溪北路", "肇嘉浜路", "龙华中路", "宜山路"]),
        District(code: "440106", city: "广州市", name: "天河区", streets: ["五山街道", "员村街道", "车陂街道", "石牌街道", "天园街道"],
                 roads: ["天河路", "黄埔大道西", "中山大道", "体育东路"]),
        District(code: "510107", city: "成都市", name: "武侯区", streets: ["浆洗街街道", "望江路街道", "玉林街道", "跳伞塔街道", "火车南站街道"],
                 roads: ["人民南路", "武侯祠大街", "高升桥路", "科华北路"]),
    ]
}

/// One generated organization; every field derives from the index and the random stream.
struct SampleOrganization {
    let code: String
    let name: String
    let type: String
    let district: District
    let authority: String
    let supervisor: String?
    let legalRep: String
    let founded: String
    let capital: Int
    let address: String
    let scope: String
    let status: String
    let grade: String?
    let gradeFrom: String?
    let gradeUntil: String?
    let certUntil: String?
    let inspections: [(year: Int, result: String)]
    let center: (level: String, served: Int?, staff: Int?, area: Int?)?
    let changedOn: String?
    let endedOn: String?
    let regulation: String
    let foundedYear: Int
    /// 0 = clean; 1 = abnormal (listed); 2 = abnormal then removed; 3 = serious; 4 = penalty.
    let creditSituation: Int

    static let fields: [(field: String, scope: String, supervisor: String)] = [
        ("青少年足球", "开展青少年足球培训、组织赛事交流、提供咨询服务", "区体育局"),
        ("老年书画", "组织老年人书画创作与展览、开展艺术交流和培训", "区文化和旅游局"),
        ("社区志愿", "招募培训志愿者、组织社区志愿服务、开展公益宣传", "区精神文明建设委员会办公室"),
        ("心理咨询", "提供心理健康咨询、开展心理健康教育和危机干预培训", "区卫生健康委员会"),
        ("养老服务", "为社区老年人提供助餐、助浴、日间照料和康复护理服务", "区民政局"),
        ("文化艺术", "组织群众文化艺术活动、开展非遗传承与交流展示", "区文化和旅游局"),
        ("环境保护", "开展环保宣传教育、组织垃圾分类指导和生态保护志愿活动", "区生态环境局"),
        ("书法", "开展书法研究、培训、展览和学术交流", "区文化和旅游局"),
        ("围棋", "推广围棋运动、组织围棋比赛和培训", "区体育局"),
        ("摄影", "组织摄影创作、展览和技术交流", "区文化和旅游局"),
        ("退役军人服务", "为退役军人提供就业创业指导、权益维护和帮扶服务", "区退役军人事务局"),
        ("残疾人康复", "为残疾人提供康复训练、辅具适配和就业支持服务", "区残疾人联合会"),
        ("家庭教育", "开展家庭教育指导、亲子活动和家长课堂", "区教育局"),
        ("食品安全", "开展食品安全宣传、培训和行业自律工作", "区市场监督管理局"),
        ("物业管理", "开展物业管理行业自律、培训和纠纷调解服务", "区房屋管理局"),
        ("助学", "资助家庭经济困难学生、奖励优秀师生、支持教育公益项目", "区教育局"),
        ("慈善", "募集慈善财产、开展扶贫济困和救灾救助活动", "区民政局"),
        ("科普", "开展科学普及、青少年科技创新教育和科普讲座", "区科学技术协会"),
        ("法律援助", "为困难群众提供法律咨询、调解和援助服务", "区司法局"),
        ("乡村振兴", "开展农村产业发展咨询、技能培训和公益帮扶", "区农业农村委员会"),
    ]
    static let fancy = ["阳光", "彩虹", "益友", "同心", "启明", "春晖", "馨语", "暖阳", "乐活", "新航", "致远", "和美"]
    static let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
    static let given = Array("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华红玉兰萍建华文斌慧建国志强海燕立新晓东春梅")

    init(index: Int, total: Int, random: inout SeededRandom) {
        let district = District.all[index % District.all.count == 0 || random.chance(0.6) ? 0 : 1 + Int(random.next(below: UInt64(District.all.count - 1)))]
        self.district = district
        // Type mix 40 / 25 / 25 / 10, with the first four indexes covering every type.
        let roll = index < 4 ? index : Int(random.next(below: 100))
        let typeIndex = index < 4 ? roll : (roll < 40 ? 0 : roll < 65 ? 1 : roll < 90 ? 2 : 3)
        type = Organization.types[typeIndex]
        let field = Self.fields[Int(random.next(below: UInt64(Self.fields.count)))]
        let isCenter = index % 40 == 7 && (typeIndex == 1 || typeIndex == 2)
            || (index == 7 || index == 47 || index == 87)
        let prefix = random.chance(0.5) ? district.prefix : district.shortName
        let street = district.streets[Int(random.next(below: UInt64(district.streets.count)))]
        // The index, written in the name's own words, keeps names unique at any scale.
        let serial = index < Self.fancy.count * 4 ? "" : "第\(index / (Self.fancy.count * 4) + 1)"
        let fancy = Self.fancy[index % Self.fancy.count]
        let centerLevel = ["区级", "街镇", "行业"][index / 40 % 3]
        if isCenter {
            switch centerLevel {
            case "区级": name = "\(district.prefix)\(serial)社会组织服务中心"
            case "街镇": name = "\(prefix)\(street)\(serial)社会组织服务中心"
            default: name = "\(prefix)\(field.field)行业\(serial)社会组织服务中心"
            }
        } else {
            switch typeIndex {
            case 0:
                let suffix = ["协会", "学会", "研究会", "促进会", "联合会"][index / Self.fancy.count % 5]
                name = "\(prefix)\(index % 3 == 0 ? street : "")\(field.field)\(serial)\(suffix)\(index % Self.fancy.count == 0 ? "" : "（\(fancy)分会）")"
            case 1, 2:
                let suffix = ["服务中心", "社会工作服务社", "培训学校", "康复中心", "发展中心"][index / Self.fancy.count % 5]
                // 养老服务 + 服务中心 reads 养老服务中心, not 养老服务服务中心.
                let fieldWord = field.field.hasSuffix("服务") && suffix.hasPrefix("服务") ? String(field.field.dropLast(2)) : field.field
                name = "\(prefix)\(street)\(fancy)\(fieldWord)\(serial)\(suffix)"
            default:
                name = "\(district.prefix)\(fancy)\(field.field)\(serial)基金会\(index / Self.fancy.count % 4 == 0 ? "" : "（\(street)）")"
            }
        }
        let typeDigit = typeIndex == 0 ? "1" : typeIndex == 3 ? "3" : "2"
        let serialCode = Self.codeSerial(index: index, random: &random)
        code = CreditCode.complete("5\(typeDigit)\(district.code)\(serialCode)")?.value ?? ""
        authority = typeIndex == 3 && random.chance(0.3) ? "\(district.city)民政局" : district.authority
        supervisor = typeIndex == 2 && random.chance(0.7) ? nil : field.supervisor.replacingOccurrences(of: "区", with: district.shortName, options: .anchored)
        legalRep = String(Self.surnames[Int(random.next(below: UInt64(Self.surnames.count)))])
            + String(Self.given[Int(random.next(below: UInt64(Self.given.count)))])
            + (random.chance(0.6) ? String(Self.given[Int(random.next(below: UInt64(Self.given.count)))]) : "")
        foundedYear = 1995 + Int(random.next(below: 31))
        founded = Self.date(year: foundedYear, random: &random)
        capital = typeIndex == 3 ? 200 + Int(random.next(below: 800)) : 3 + Int(random.next(below: 200))
        address = "\(district.prefix)\(street)\(district.roads[Int(random.next(below: UInt64(district.roads.count)))])\(1 + random.next(below: 999))号"
        scope = field.scope
        regulation = ["《社会团体登记管理条例》", "《民办非企业单位登记管理暂行条例》", "《民办非企业单位登记管理暂行条例》", "《基金会管理条例》"][typeIndex]
        let statusRoll = index < 3 ? [0, 90, 97][index] : Int(random.next(below: 100))
        status = statusRoll < 88 ? "正常" : statusRoll < 96 ? "已注销" : "已撤销"
        endedOn = status == "正常" ? nil : Self.date(year: min(2026, foundedYear + 1 + Int(random.next(below: 12))), random: &random, capMonth: 6)
        changedOn = random.chance(0.1) ? Self.date(year: min(2025, foundedYear + 1 + Int(random.next(below: 10))), random: &random) : nil
        // Grades: about a third of active organizations; grade_until five years on.
        let gradeIndex = index < 5 ? index : Int(random.next(below: 14))
        if status == "正常", gradeIndex < 5, foundedYear <= 2022 {
            grade = Organization.grades[gradeIndex == 0 && index >= 5 && random.chance(0.5) ? 1 : gradeIndex]
            let fromYear = max(foundedYear + 2, 2016 + Int(random.next(below: 10)))
            let from = String(format: "%04d-12-%02d", min(fromYear, 2025), 1 + Int(random.next(below: 28)))
            gradeFrom = from
            gradeUntil = String(format: "%04d-%@", Int(from.prefix(4))! + 5, String(from.dropFirst(5)))
        } else {
            grade = nil
            gradeFrom = nil
            gradeUntil = nil
        }
        certUntil = status == "正常" ? String(format: "%04d-12-31", 2026 + Int(random.next(below: 5))) : nil
        var inspections: [(Int, String)] = []
        let lastYear = status == "正常" ? 2025 : min(2025, Int(endedOn!.prefix(4))! - 1)
        if lastYear > foundedYear {
            for year in max(foundedYear + 1, lastYear - 4)...lastYear {
                let r = random.next(below: 100)
                inspections.append((year, r < 85 ? "合格" : r < 94 ? "基本合格" : r < 98 ? "不合格" : "未参检"))
            }
        }
        self.inspections = inspections
        center = isCenter ? (centerLevel,
                             random.chance(0.9) ? 20 + Int(random.next(below: 380)) : nil,
                             random.chance(0.9) ? 1 + Int(random.next(below: 10)) : nil,
                             random.chance(0.85) ? 80 + Int(random.next(below: 420)) : nil) : nil
        let creditRoll = index >= 10 && index <= 13 ? 100 + index - 10 : Int(random.next(below: 1000))
        switch creditRoll {
        case 100: creditSituation = 1
        case 101: creditSituation = 2
        case 102: creditSituation = 3
        case 103: creditSituation = 4
        case ..<30: creditSituation = 1
        case ..<60: creditSituation = 2
        case ..<75: creditSituation = 3
        case ..<105: creditSituation = 4
        default: creditSituation = 0
        }
    }

    /// Nine code characters, unique per index (a bijective mix of the index) at any scale.
    static func codeSerial(index: Int, random: inout SeededRandom) -> String {
        let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
        // An odd multiplier modulo 31^8 permutes the indexes; the first character is "M"
        // (as in real 民政 codes' 组织机构代码 part) or "J" for variety, not part of uniqueness.
        let modulus: UInt64 = 852_891_037_441   // 31^8
        var value = (UInt64(index) &* 387_420_489 &+ 12_345) % modulus
        var chars: [Character] = []
        for _ in 0..<8 {
            chars.append(alphabet[Int(value % 31)])
            value /= 31
        }
        return (random.chance(0.8) ? "M" : "J") + String(chars.reversed())
    }

    static func date(year: Int, random: inout SeededRandom, capMonth: Int = 12) -> String {
        let month = 1 + Int(random.next(below: UInt64(year >= 2026 ? capMonth : 12)))
        let day = 1 + Int(random.next(below: 28))
        return String(format: "%04d-%02d-%02d", year, month, day)
    }

    var row: [String] {
        [code, name, type, authority, supervisor ?? "", legalRep, founded, String(capital), address, scope, status,
         grade ?? "", gradeFrom ?? "", gradeUntil ?? "", certUntil ?? "",
         inspections.map { "\($0.year):\($0.result)" }.joined(separator: ";"), district.prefix,
         center?.level ?? "", center?.served.map(String.init) ?? "", center?.staff.map(String.init) ?? "",
         center?.area.map(String.init) ?? ""]
    }

    struct SampleCredit {
        let list: String
        let reason: String
        let date: String
        let removedOn: String?
        let removalReason: String?
        let decisionNo: String
        let basis: String
        let result: String
        let row: [String]
    }

    func creditRecords(random: inout SeededRandom) -> [SampleCredit] {
        guard creditSituation > 0 else { return [] }
        let year = min(2026, max(foundedYear + 1, 2018 + Int(random.next(below: 8))))
        let date = Self.date(year: year, random: &random, capMonth: 6)
        func make(_ list: String, _ reason: String, removed: String?, removal: String?, decision: String = "", basis: String = "", result: String = "") -> SampleCredit {
            SampleCredit(list: list, reason: reason, date: date, removedOn: removed, removalReason: removal, decisionNo: decision, basis: basis, result: result,
                         row: [code, name, list, reason, authority, date, removed ?? "", removal ?? "", decision, basis, result])
        }
        switch creditSituation {
        case 1, 2:
            let reasons = ["未按规定参加年度检查", "通过登记的住所无法取得联系", "未按照规定时限办理变更登记", "未按照规定时限办理负责人备案"]
            let reason = reasons[Int(random.next(below: UInt64(reasons.count)))]
            if creditSituation == 2 {
                let removed = String(format: "%04d-%@", Int(date.prefix(4))! + 1, String(date.dropFirst(5)))
                return [make(CreditRecord.abnormal, reason, removed: removed, removal: "已按规定履行相关义务，申请移出并经审核同意")]
            }
            return [make(CreditRecord.abnormal, reason, removed: nil, removal: nil)]
        case 3:
            let reasons = ["被列入活动异常名录满2年", "受到限期停止活动行政处罚", "弄虚作假办理登记"]
            return [make(CreditRecord.serious, reasons[Int(random.next(below: UInt64(reasons.count)))], removed: nil, removal: nil)]
        default:
            let article = ["《社会团体登记管理条例》第三十条", "《民办非企业单位登记管理暂行条例》第二十五条",
                           "《民办非企业单位登记管理暂行条例》第二十五条", "《基金会管理条例》第四十二条"][Organization.types.firstIndex(of: type) ?? 0]
            let results = ["警告", "罚款", "没收违法所得", "限期停止活动", "撤销登记"]
            let reasons = ["未按照规定办理变更登记", "违反规定设立分支机构", "从事营利性的经营活动", "不按照规定接受监督检查", "侵占、私分、挪用资产"]
            let decision = "\(district.shortName.prefix(1))民罚决字〔\(date.prefix(4))〕\(1 + random.next(below: 60))号"
            return [make(CreditRecord.penalty, reasons[Int(random.next(below: UInt64(reasons.count)))], removed: nil, removal: nil,
                         decision: decision, basis: article, result: results[Int(random.next(below: UInt64(results.count)))])]
        }
    }
}
