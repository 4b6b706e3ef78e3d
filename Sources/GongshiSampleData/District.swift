/// A county-level district the generator places organizations in: its real
/// administrative division code (GB/T 2260), its streets and towns, and the short forms
/// used in document numbers.
struct District: Sendable {
    /// Six-digit division code, positions 3–8 of the credit code.
    let code: String
    let city: String
    let name: String
    /// One character for the district in document numbers (青民罚决字).
    let abbreviation: String
    /// One character for the city (沪, 温, 穗…), for city-level registrations.
    let cityAbbreviation: String
    /// The city's division code (310000), for notices of the city's 民政局.
    let cityCode: String
    /// 街道, 镇 and 乡 of the district.
    let streets: [String]
    let roads: [String]
    /// Relative share of organizations.
    let weight: Int

    /// `上海市青浦区`.
    var prefix: String { city + name }
    /// The district's registration authority, `上海市青浦区民政局`.
    var authority: String { prefix + "民政局" }
    /// The city's registration authority, which registers some foundations.
    var cityAuthority: String { city + "民政局" }

    static let all: [District] = [
        District(
            code: "310118", city: "上海市", name: "青浦区", abbreviation: "青", cityAbbreviation: "沪", cityCode: "310000",
            streets: ["夏阳街道", "盈浦街道", "香花桥街道", "朱家角镇", "练塘镇", "金泽镇", "赵巷镇", "徐泾镇", "华新镇", "重固镇", "白鹤镇"],
            roads: ["城中北路", "城中东路", "公园路", "青安路", "华青路", "盈港东路", "淀山湖大道", "外青松公路", "崧泽大道", "胜利路", "庆华路", "漕盈路"],
            weight: 40),
        District(
            code: "330305", city: "温州市", name: "洞头区", abbreviation: "洞", cityAbbreviation: "温", cityCode: "330300",
            streets: ["北岙街道", "东屏街道", "元觉街道", "霓屿街道", "大门镇", "鹿西乡"],
            roads: ["人民路", "中心街", "海霞路", "新城大道", "环岛西路", "望海路", "渔港路"],
            weight: 20),
        District(
            code: "310104", city: "上海市", name: "徐汇区", abbreviation: "徐", cityAbbreviation: "沪", cityCode: "310000",
            streets: ["天平路街道", "湖南路街道", "斜土路街道", "枫林路街道", "长桥街道", "田林街道", "虹梅路街道", "康健新村街道", "徐家汇街道", "凌云路街道", "龙华街道", "漕河泾街道", "华泾镇"],
            roads: ["漕溪北路", "肇嘉浜路", "龙华中路", "宜山路", "天钥桥路", "零陵路", "钦州路", "虹漕路"],
            weight: 8),
        District(
            code: "440106", city: "广州市", name: "天河区", abbreviation: "天", cityAbbreviation: "穗", cityCode: "440100",
            streets: ["五山街道", "员村街道", "车陂街道", "沙河街道", "石牌街道", "天园街道", "林和街道", "猎德街道", "冼村街道"],
            roads: ["天河路", "黄埔大道西", "中山大道", "体育东路", "天河北路", "员村二横路", "石牌西路"],
            weight: 8),
        District(
            code: "510107", city: "成都市", name: "武侯区", abbreviation: "武", cityAbbreviation: "蓉", cityCode: "510100",
            streets: ["浆洗街街道", "望江路街道", "玉林街道", "跳伞塔街道", "火车南站街道", "红牌楼街道", "簇桥街道", "晋阳街道"],
            roads: ["人民南路", "武侯祠大街", "高升桥路", "科华北路", "玉林南路", "一环路南三段", "佳灵路"],
            weight: 8),
        District(
            code: "320506", city: "苏州市", name: "吴中区", abbreviation: "吴", cityAbbreviation: "苏", cityCode: "320500",
            streets: ["长桥街道", "越溪街道", "郭巷街道", "横泾街道", "木渎镇", "甪直镇", "东山镇", "光福镇", "临湖镇"],
            roads: ["东吴北路", "宝带西路", "吴中大道", "木东路", "越湖路", "苏蠡路"],
            weight: 8),
        District(
            code: "330302", city: "温州市", name: "鹿城区", abbreviation: "鹿", cityAbbreviation: "温", cityCode: "330300",
            streets: ["五马街道", "松台街道", "南汇街道", "滨江街道", "广化街道", "双屿街道", "七都街道", "藤桥镇"],
            roads: ["解放路", "人民中路", "车站大道", "学院中路", "府前街", "飞霞南路"],
            weight: 8),
    ]

    static let weights = all.map(\.weight)

}
