import GongshiStore

/// One generated organization with everything that happens to it: registration,
/// annual inspections, an evaluation grade, a change, dissolution or revocation, and
/// its credit records. Every value derives from the seed and the organization's index
/// (through its own random stream) and from what earlier organizations took (names,
/// decision numbers), so a run is deterministic.
struct SampleOrganization {
    enum Status: Int, Sendable {
        case normal, deregistered, revoked

        var label: String { ["正常", "已注销", "已撤销"][rawValue] }
        static let weights = [88, 8, 4]
    }

    enum CreditSituation: Sendable {
        case none, abnormalListed, abnormalRemoved, serious, penalty
    }

    struct Center: Sendable {
        let level: CenterLevel
        let served: Int?
        let staff: Int?
        let area: Int?
    }

    /// A 变更登记: what changed, from what, to what (the current value).
    struct Change: Sendable {
        let date: CalendarDay
        let item: String
        let from: String
        let to: String
    }

    /// Values fixed for a few early indexes, so that even a run of a hundred
    /// organizations shows every type, status, grade, credit situation, center level and
    /// notice kind.
    struct Forced: Sendable {
        var type: OrganizationType? = nil
        var status: Status? = nil
        var grade: Int? = nil
        var gradeYear: Int? = nil
        var credit: CreditSituation? = nil
        var center: CenterLevel? = nil
        var change = false

        static func at(_ index: Int) -> Forced? {
            switch index {
            case 0: return Forced(type: .society)
            case 2: return Forced(type: .nonEnterprise)
            case 3: return Forced(type: .foundation)
            case 5: return Forced(center: .district)
            case 7: return Forced(type: .socialService)
            case 11: return Forced(status: .revoked)
            case 13: return Forced(status: .normal, grade: 0, gradeYear: 2024, credit: CreditSituation.none)
            case 17: return Forced(center: .street)
            case 19: return Forced(status: .normal, credit: .abnormalListed)
            case 23: return Forced(status: .deregistered)
            case 29: return Forced(status: .normal, grade: 4, gradeYear: 2023, credit: CreditSituation.none)
            case 31: return Forced(status: .normal, credit: .abnormalRemoved)
            case 37: return Forced(center: .industry)
            case 41: return Forced(status: .normal, credit: .serious)
            case 43: return Forced(status: .normal, grade: 3, gradeYear: 2019, credit: CreditSituation.none)
            case 47: return Forced(status: .normal, credit: .penalty)
            case 53: return Forced(status: .normal, change: true)
            case 59: return Forced(status: .normal, grade: 1, gradeYear: 2020, credit: CreditSituation.none)
            case 61: return Forced(status: .normal, grade: 2, gradeYear: 2022, credit: CreditSituation.none)
            default: return nil
            }
        }
    }

    static let grades = ["5A", "4A", "3A", "2A", "1A"]
    static let gradeWeights = [5, 30, 40, 15, 10]
    static let inspectionResults = ["合格", "基本合格", "不合格", "未参检"]
    static let inspectionWeights = [85, 9, 4, 2]

    let code: String
    let name: String
    let type: OrganizationType
    let districtIndex: Int
    let authorityIndex: Int
    let supervisor: String
    let legalRep: String
    let founded: CalendarDay
    let capital: String
    let address: String
    let scope: String
    let status: Status
    let endedOn: CalendarDay?
    /// Why a revoked organization was revoked.
    let revocationReason: String?
    /// Index into `grades`.
    let grade: Int?
    let gradeFrom: CalendarDay?
    let certUntil: CalendarDay?
    /// Year and index into `inspectionResults`, oldest first.
    let inspections: [(year: Int, result: Int)]
    let center: Center?
    let change: Change?
    let credit: [SampleCreditRecord]

    var district: District { District.all[districtIndex] }
    var authority: RegistrationAuthority { RegistrationAuthority.all[authorityIndex] }
    var gradeUntil: CalendarDay? { gradeFrom?.adding(years: 5) }

    init(index: Int, context: inout GenerationContext) {
        var random = SeededRandom(seed: context.seed, item: UInt64(index))
        let forced = Forced.at(index)

        // Where, what, and under which name.
        var district = random.weighted(District.weights)
        let shortPrefix = random.chance(0.5)
        var type = forced?.type ?? OrganizationType.allCases[random.weighted(OrganizationType.weights)]
        var field = random.pick(ActivityField.byType[type.rawValue])
        var center: (name: String, level: CenterLevel, street: String?)?
        if let level = forced?.center {
            // A forced center takes its level in the first district where that name is free.
            for offset in 0..<District.all.count {
                let d = (district + offset) % District.all.count
                if let found = context.namer.centerName(
                    district: d, shortPrefix: shortPrefix, preferred: level,
                    fallback: false, random: &random)
                {
                    center = found
                    district = d
                    break
                }
            }
        } else if random.chance(1.0 / 40) {
            let level = CenterLevel.allCases[random.weighted([20, 50, 30])]
            center = context.namer.centerName(
                district: district, shortPrefix: shortPrefix, preferred: level,
                fallback: true, random: &random)
        }
        if center != nil {
            type = random.chance(0.5) ? .nonEnterprise : .socialService
            field = ActivityField.serviceCenter
        }
        self.type = type
        self.districtIndex = district
        let d = District.all[district]
        let (name, street) =
            center.map { ($0.name, $0.street) }
            ?? context.namer.name(district: district, shortPrefix: shortPrefix, type: type, field: field, serial: index, random: &random)
        self.name = name
        let authorityIndex = type == .foundation && random.chance(0.3) ? RegistrationAuthority.cityIndex[district] : district
        self.authorityIndex = authorityIndex

        // Status and the dates of the organization's life.
        let status: Status = center != nil ? .normal : forced?.status ?? Status(rawValue: random.weighted(Status.weights))!
        self.status = status
        let needsHistory = forced?.credit != nil || forced?.grade != nil || forced?.change == true || forced?.status == .revoked
        var lowYear = GenerationContext.firstYear
        var highYear = 2025
        if center != nil {
            lowYear = 2010
            highYear = 2024
        }
        if status != .normal { highYear = 2024 }
        if needsHistory { highYear = min(highYear, 2014) }
        let foundedYear: Int
        if type == .socialService && highYear >= 2016 && random.chance(0.8) {
            // 社会服务机构 is the name the Charity Law (2016) gave new registrations.
            foundedYear = random.int(max(lowYear, 2016)...highYear)
        } else {
            // More organizations were founded in recent years: half uniformly, half
            // skewed towards the present.
            let span = highYear - lowYear + 1
            let u = random.unit()
            foundedYear = lowYear + min(span - 1, Int(Double(span) * (random.chance(0.5) ? u : u.squareRoot())))
        }
        let founded = CalendarDay.random(CalendarDay(foundedYear, 1, 1), CalendarDay(foundedYear, 12, 31), &random)
        self.founded = founded
        var endedOn: CalendarDay?
        if status != .normal {
            var low = founded.adding(days: 365)
            if forced?.status == .revoked { low = max(low, CalendarDay(2019, 1, 1)) }
            endedOn = CalendarDay.random(low, min(founded.adding(years: 15), GenerationContext.cutoff), &random)
        }
        self.endedOn = endedOn

        let older = foundedYear < 2015 && random.chance(0.7)
        code = CreditCode.complete("5" + type.codeDigit + d.code + context.serials.serial(index: index, older: older))!.value

        // Registered particulars.
        supervisor = Self.supervisor(type: type, field: field, district: d, founded: foundedYear, isCenter: center != nil, random: &random)
        let legalRep = PersonNameGenerator.name(&random)
        self.legalRep = legalRep
        let capital = Self.capital(type: type, random: &random)
        self.capital = capital
        let address = Self.address(district: d, street: street, random: &random)
        self.address = address
        scope = Self.scope(field: field, type: type, random: &random)

        // Credit records, then inspections and a grade consistent with them.
        let authorityName = RegistrationAuthority.all[authorityIndex].name
        var credit: [SampleCreditRecord] = []
        var revocationReason: String?
        let windowLow = max(founded.adding(days: 120), GenerationContext.creditStart)
        let windowHigh = endedOn?.adding(days: -1) ?? GenerationContext.cutoff
        func penalty(_ date: CalendarDay, reason: String, result: String) -> SampleCreditRecord {
            SampleCreditRecord(
                list: .penalty, reason: reason, authority: authorityName, date: date,
                decisionNo: context.decisionNumber(authority: authorityIndex, date: date),
                basis: type.penaltyArticle, result: result)
        }
        var missedInspectionYear: Int?
        var revokedForInspections = false
        if status == .revoked, let ended = endedOn {
            let reasons = [
                "连续两年未按照规定参加年度检查", "通过登记的住所无法取得联系，且一年以上未开展活动", "从事营利性的经营活动，情节严重",
                "不按照规定接受监督检查，情节严重",
            ]
            // 连续两年未年检 needs two inspection years the organization lived through, and
            // 一年以上未开展活动 a year of existence: otherwise another reason.
            var weights = [55, 25, 10, 10]
            if ended.year - 2 <= founded.year { weights[0] = 0 }
            let reasonIndex = random.weighted(weights)
            let reason = reasons[reasonIndex]
            revocationReason = reason
            revokedForInspections = reasonIndex == 0
            if ended >= GenerationContext.creditStart {
                let listed = ended.adding(days: -random.int(365...700))
                // A listing for a missed inspection follows that inspection (the year before).
                let missedYear = listed.year - 1
                if listed >= windowLow && random.chance(0.35) && (reasonIndex == 1 || missedYear > founded.year) {
                    let abnormal = reasonIndex == 1 ? "通过登记的住所无法取得联系" : "未按规定参加年度检查"
                    credit.append(SampleCreditRecord(list: .abnormal, reason: abnormal, authority: authorityName, date: listed))
                    if reasonIndex != 1 { missedInspectionYear = missedYear }
                }
                credit.append(penalty(ended, reason: reason, result: "撤销登记"))
            }
        }
        var situation = forced?.credit ?? CreditSituation.none
        if forced?.credit == nil {
            switch random.next(below: 1000) {
            case ..<22: situation = .abnormalListed
            case ..<52: situation = .abnormalRemoved
            case ..<67: situation = .serious
            case ..<73: situation = .penalty
            default: situation = .none
            }
        }
        if windowLow <= windowHigh {
            switch situation {
            case .none:
                break
            case .abnormalListed, .abnormalRemoved:
                var reasonIndex = random.weighted(SampleCreditRecord.abnormalWeights)
                if SampleCreditRecord.followsMissedInspection(reasonIndex) && windowHigh.year - 1 <= founded.year {
                    // No inspection year after founding before the listing could be missed.
                    reasonIndex = SampleCreditRecord.firstReasonWithoutInspection
                }
                let entry = SampleCreditRecord.abnormalReasons[reasonIndex]
                let missed = SampleCreditRecord.followsMissedInspection(reasonIndex)
                // Listed for a missed inspection: not before the year after the first inspection year.
                let earliest = missed ? max(windowLow, CalendarDay(founded.year + 2, 1, 1)) : windowLow
                if situation == .abnormalRemoved && windowHigh.number - earliest.number >= 60 {
                    let date = CalendarDay.random(earliest, windowHigh.adding(days: -30), &random)
                    let removed = CalendarDay.random(date.adding(days: 30), min(date.adding(days: 540), windowHigh), &random)
                    credit.append(
                        SampleCreditRecord(
                            list: .abnormal, reason: entry.reason, authority: authorityName, date: date,
                            removedOn: removed, removalReason: entry.removal))
                    if missed { missedInspectionYear = date.year - 1 }
                } else {
                    let date = CalendarDay.random(min(earliest, windowHigh), windowHigh, &random)
                    credit.append(SampleCreditRecord(list: .abnormal, reason: entry.reason, authority: authorityName, date: date))
                    if missed { missedInspectionYear = date.year - 1 }
                }
            case .serious:
                var listed: SampleCreditRecord
                let kind = random.weighted([50, 25, 10, 15])
                if kind == 0 && windowHigh.number - windowLow.number >= 760 {
                    let first = CalendarDay.random(windowLow, windowHigh.adding(days: -760), &random)
                    var reasonIndex = random.weighted(SampleCreditRecord.abnormalWeights)
                    if SampleCreditRecord.followsMissedInspection(reasonIndex) && first.year - 1 <= founded.year {
                        reasonIndex = SampleCreditRecord.firstReasonWithoutInspection
                    }
                    let entry = SampleCreditRecord.abnormalReasons[reasonIndex]
                    credit.append(SampleCreditRecord(list: .abnormal, reason: entry.reason, authority: authorityName, date: first))
                    if SampleCreditRecord.followsMissedInspection(reasonIndex) { missedInspectionYear = first.year - 1 }
                    listed = SampleCreditRecord(
                        list: .serious, reason: SampleCreditRecord.seriousAfterTwoYears, authority: authorityName,
                        date: first.adding(days: 731 + random.next(below: 30)))
                } else if kind == 1 || kind == 2 {
                    let date = CalendarDay.random(windowLow, windowHigh, &random)
                    let reasons = SampleCreditRecord.penaltyReasons(type)
                    credit.append(penalty(date, reason: random.pick(reasons), result: kind == 1 ? "限期停止活动" : "罚款"))
                    listed = SampleCreditRecord(
                        list: .serious, reason: kind == 1 ? SampleCreditRecord.seriousAfterSuspension : SampleCreditRecord.seriousAfterLargeFine,
                        authority: authorityName, date: min(date.adding(days: random.next(below: 20)), windowHigh))
                } else {
                    listed = SampleCreditRecord(
                        list: .serious, reason: SampleCreditRecord.seriousFalseRegistration, authority: authorityName,
                        date: CalendarDay.random(windowLow, windowHigh, &random))
                }
                // Three years without further violations lift the listing.
                let lift = listed.date.adding(years: 3).adding(days: random.int(1...40))
                if lift <= windowHigh && random.chance(0.5) {
                    listed.removedOn = lift
                    listed.removalReason = "列入严重违法失信名单满3年且未再发生违法行为"
                }
                credit.append(listed)
            case .penalty:
                let date = CalendarDay.random(windowLow, windowHigh, &random)
                let result = SampleCreditRecord.penaltyResults[random.weighted(SampleCreditRecord.penaltyResultWeights)]
                credit.append(penalty(date, reason: random.pick(SampleCreditRecord.penaltyReasons(type)), result: result))
            }
        }
        credit.sort { $0.date < $1.date }
        self.credit = credit
        self.revocationReason = revocationReason

        // Annual inspections: the last five years the organization existed, up to 2025.
        var inspections: [(year: Int, result: Int)] = []
        let lastYear = min(2025, (endedOn?.year ?? 2026) - 1)
        if lastYear > foundedYear {
            // The last five years, reaching back to a missed inspection a listing refers to.
            let firstYear = min(max(foundedYear + 1, lastYear - 4), max(foundedYear + 1, missedInspectionYear ?? lastYear))
            for year in firstYear...lastYear {
                var result = random.weighted(Self.inspectionWeights)
                if year == missedInspectionYear { result = 3 }
                if revokedForInspections && year >= lastYear - 1 { result = 3 }
                inspections.append((year, result))
            }
        }
        self.inspections = inspections

        // Evaluation grade: about a third of active organizations of two years or more.
        var grade: Int?
        var gradeFrom: CalendarDay?
        let blemished = credit.contains { $0.list != .abnormal }
        if let forcedGrade = forced?.grade {
            grade = forcedGrade
            gradeFrom = GenerationContext.gradeDate(seed: context.seed, authority: authorityIndex, year: forced?.gradeYear ?? 2024)
        } else if status == .normal, !blemished, foundedYear <= 2023, random.chance(0.45) {
            let g = random.weighted(Self.gradeWeights)
            let u = random.unit()
            let year = max(2025 - Int(9 * u * u.squareRoot()), foundedYear + 2)
            if year <= 2025 {
                grade = g
                gradeFrom = GenerationContext.gradeDate(seed: context.seed, authority: authorityIndex, year: year)
            }
        }
        self.grade = grade
        self.gradeFrom = gradeFrom

        // Registration certificates run five years at a time from founding.
        if status == .normal {
            var until = founded.adding(years: 5).adding(days: -1)
            while until <= GenerationContext.cutoff { until = until.adding(days: 1).adding(years: 5).adding(days: -1) }
            certUntil = until
        } else {
            certUntil = nil
        }

        // Service-center figures; the district's guideline is one full-time worker per
        // 50 (district) or 20 (street) organizations served and 200 m² of office space,
        // which some centers do not meet.
        if let center {
            let served =
                switch center.level {
                case .district: random.int(150...400)
                case .street: random.int(20...150)
                case .industry: random.int(20...120)
                }
            let ideal =
                switch center.level {
                case .district: served / 50
                case .street: max(2, served / 20)
                case .industry: max(1, served / 40)
                }
            let staff = min(10, max(1, Int(Double(ideal) * (0.5 + random.unit()))))
            let area = random.chance(0.3) ? random.int(80...199) : random.int(200...500)
            self.center = Center(
                level: center.level,
                served: random.chance(0.9) ? served : nil,
                staff: random.chance(0.9) ? staff : nil,
                area: random.chance(0.88) ? area : nil)
        } else {
            self.center = nil
        }

        // A change of registration, for about one organization in eight.
        let changeLow = founded.adding(days: 365)
        let changeHigh = endedOn?.adding(days: -30) ?? GenerationContext.cutoff
        if (forced?.change == true || random.chance(0.12)) && changeLow <= changeHigh {
            let date = CalendarDay.random(changeLow, changeHigh, &random)
            // Capital usually grows; when the drawn earlier value is not smaller, the
            // representative changed instead.
            let item = random.weighted([45, 40, 15])
            let earlierCapital = Self.capital(type: type, random: &random)
            if item == 0 {
                change = Change(date: date, item: "住所", from: Self.address(district: d, street: nil, random: &random), to: address)
            } else if item == 2, let earlier = Double(earlierCapital), let now = Double(capital), earlier < now {
                change = Change(date: date, item: type.capitalLabel, from: earlierCapital + "万元", to: capital + "万元")
            } else {
                var previous = PersonNameGenerator.name(&random)
                if previous == legalRep { previous = PersonNameGenerator.name(&random) }
                change = Change(date: date, item: "法定代表人", from: previous, to: legalRep)
            }
        } else {
            change = nil
        }
    }

    /// The orgs CSV columns, in `CorpusGenerator.orgsHeader` order.
    var row: [String] {
        [
            code, name, type.label, authority.name, supervisor, legalRep, founded.text, capital, address, scope, status.label,
            grade.map { Self.grades[$0] } ?? "", gradeFrom?.text ?? "", gradeUntil?.text ?? "", certUntil?.text ?? "",
            inspections.map { "\($0.year):\(Self.inspectionResults[$0.result])" }.joined(separator: ";"), district.prefix,
            center?.level.label ?? "", center?.served.map(String.init) ?? "", center?.staff.map(String.init) ?? "",
            center?.area.map(String.init) ?? "",
        ]
    }

    static func supervisor(
        type: OrganizationType, field: ActivityField, district: District, founded: Int,
        isCenter: Bool, random: inout SeededRandom
    ) -> String {
        var unit = field.supervisor
        if isCenter {
            unit = random.chance(0.5) ? "民政局" : ""
        } else {
            switch type {
            case .socialService: if random.chance(0.7) { unit = "" }
            case .society:
                // Trade associations and chambers of commerce register directly since 2016.
                if founded >= 2016 && (field.key == "行业商会" || random.chance(0.3)) { unit = "" }
            case .nonEnterprise: if random.chance(0.1) { unit = "" }
            case .foundation: break
            }
        }
        guard !unit.isEmpty else { return "" }
        if district.city != "上海市" {
            switch unit {
            case "房屋管理局": unit = "住房和城乡建设局"
            case "农业农村委员会": unit = "农业农村局"
            case "卫生健康委员会": unit = "卫生健康局"
            default: break
            }
        }
        return district.prefix + unit
    }

    static func capital(type: OrganizationType, random: inout SeededRandom) -> String {
        switch type {
        case .foundation:
            return String([200, 250, 300, 400, 500][random.weighted([40, 10, 25, 10, 15])])
        case .society:
            if random.chance(0.06) { return "\(random.int(3...60)).\(random.int(1...9))" }
            return String([3, 5, 10, 20, 30, 50, 100][random.weighted([30, 20, 20, 10, 8, 8, 4])])
        case .nonEnterprise, .socialService:
            if random.chance(0.08) { return "\(random.int(3...120)).\(random.int(1...9))" }
            return String([3, 5, 10, 20, 30, 50, 100, 200, 500][random.weighted([20, 15, 20, 12, 8, 10, 8, 4, 3])])
        }
    }

    static let addressTails = ["", "", "", "", "1楼", "2楼", "3楼", "201室", "302室", "1幢", "2幢102室", "B座5楼", "综合楼3楼"]

    static func address(district: District, street: String?, random: inout SeededRandom) -> String {
        let number = random.chance(0.6) ? random.int(1...99) : random.int(100...1999)
        // Towns appear in addresses (朱家角镇…路); 街道 usually do not.
        let town = street.map { $0.hasSuffix("街道") ? "" : $0 } ?? ""
        return district.prefix + town + random.pick(district.roads) + "\(number)号" + random.pick(addressTails)
    }

    static func scope(field: ActivityField, type: OrganizationType, random: inout SeededRandom) -> String {
        var activities = field.activities
        if activities.count > 3 && random.chance(0.5) { activities.remove(at: random.next(below: activities.count)) }
        var text = activities.joined(separator: "、")
        switch type {
        case .society: if random.chance(0.3) { text += "；承办政府有关部门委托的事项" }
        case .nonEnterprise, .socialService: if random.chance(0.2) { text += "；提供相关咨询服务" }
        case .foundation: break
        }
        return text
    }
}
