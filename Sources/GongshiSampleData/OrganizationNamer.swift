/// Gives every organization a name that reads like a real one and is unique.
///
/// A name is a region prefix (`上海市青浦区` or `青浦区`), sometimes a street or town, on a
/// collision a village or residential community, sometimes a fancy word (阳光, 启明…),
/// and a stem of its field and type (`助学基金会`). Names are compared without the
/// city (`上海市青浦区X` and `青浦区X` are the same organization), through 64-bit hashes
/// kept in a set: some sixteen bytes per organization, so a million names cost
/// megabytes, and a hash collision can only make a free name look taken, never admit
/// a duplicate.
/// When a name is taken, the namer adds a street, then a community, and draws again;
/// the last resort appends a number no other rule produces, so uniqueness is certain.
struct OrganizationNamer {
    private var taken: Set<UInt64> = []

    init(expected: Int) { taken.reserveCapacity(expected) }

    static let fancyWords = [
        "阳光", "彩虹", "益友", "同心", "启明", "春晖", "馨语", "暖阳", "乐活", "新航", "致远", "和美",
        "爱心", "向日葵", "蒲公英", "晨曦", "梧桐", "银杏", "朝阳", "星光", "青禾", "乐龄", "博雅", "启航",
        "善行", "仁爱", "德馨", "知行",
    ]
    /// First and second characters of village and community names (新港村, 金华社区).
    static let placeHeads = Array("新东西南北金华兴和安康民永福泰城湖港桥山清秀庆复盈园万龙凤平长联胜红光").map(String.init)
    static let placeTails = Array("丰光华兴隆盛河港浜泾塘湾桥苑园岭溪林田家庄宁乐安").map(String.init)

    /// A regular organization's name, and the street or town it names, if any.
    mutating func name(
        district: Int, shortPrefix: Bool, type: OrganizationType, field: ActivityField,
        serial: Int, random: inout SeededRandom
    ) -> (name: String, street: String?) {
        let d = District.all[district]
        let prefix = shortPrefix ? d.name : d.prefix
        let stems = field.stems(for: type)
        let (streetChance, fancyChance): (Double, Double) =
            switch type {
            case .society: (0.3, 0.08)
            case .nonEnterprise, .socialService: (0.55, 0.45)
            case .foundation: (0.08, 0.5)
            }
        for attempt in 0..<12 {
            let street = attempt == 0 && !random.chance(streetChance) ? nil : random.pick(d.streets)
            let community = attempt >= 3
            let fancy = attempt == 0 ? random.chance(fancyChance) : random.chance(0.5)
            var rest = street ?? ""
            if community { rest += Self.community(&random) }
            if fancy { rest += random.pick(Self.fancyWords) }
            rest += random.pick(stems)
            if claim(district: district, rest: rest) { return (prefix + rest, street) }
        }
        // Unreachable in practice (twelve collisions in a row); a number keeps it unique.
        let street = random.pick(d.streets)
        let rest = street + random.pick(stems) + "（\(serial + 1)）"
        _ = claim(district: district, rest: rest)
        return (prefix + rest, street)
    }

    /// A 社会组织服务中心 of the preferred level, or (with `fallback`) another level if
    /// that name is taken (a district has one district-level center and one per street,
    /// then one per community); nil when every tried name is taken, and the organization
    /// is then not a center.
    mutating func centerName(
        district: Int, shortPrefix: Bool, preferred: CenterLevel, fallback: Bool,
        random: inout SeededRandom
    ) -> (name: String, level: CenterLevel, street: String?)? {
        let d = District.all[district]
        let order: [CenterLevel] =
            switch preferred {
            case _ where !fallback: [preferred]
            case .district: [.district, .street, .industry]
            case .street: [.street, .industry]
            case .industry: [.industry, .street]
            }
        for level in order {
            for _ in 0..<3 {
                let street = level == .street ? random.pick(d.streets) : nil
                let (prefix, rest): (String, String) =
                    switch level {
                    case .district: (d.prefix, "社会组织服务中心")
                    case .street: (shortPrefix ? d.name : d.prefix, street! + "社会组织服务中心")
                    case .industry: (shortPrefix ? d.name : d.prefix, random.pick(ActivityField.centerIndustries) + "社会组织服务中心")
                    }
                if claim(district: district, rest: rest) { return (prefix + rest, level, street) }
                if level == .district { break }
            }
        }
        // Large runs outgrow one center per street: residential communities have their
        // own (青浦区朱家角镇新华社区社会组织服务中心), counted with their street's level.
        if fallback {
            for _ in 0..<4 {
                let street = random.pick(d.streets)
                let rest = street + Self.community(&random, villages: false) + "社会组织服务中心"
                if claim(district: district, rest: rest) { return ((shortPrefix ? d.name : d.prefix) + rest, .street, street) }
            }
        }
        return nil
    }

    /// True when the name was free and is now taken.
    private mutating func claim(district: Int, rest: String) -> Bool {
        taken.insert(Self.key(district: district, rest: rest)).inserted
    }

    /// A village (新港村) or residential community (金华社区) name.
    static func community(_ random: inout SeededRandom, villages: Bool = true) -> String {
        let head = random.pick(placeHeads)
        var tail = random.pick(placeTails)
        if tail == head { tail = "丰" == head ? "华" : "丰" }
        return head + tail + (villages && random.chance(0.5) ? "村" : "社区")
    }

    /// FNV-1a over the district number and the name without its region prefix.
    static func key(district: Int, rest: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(district)
        for byte in rest.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return SeededRandom.mix(hash)
    }
}
