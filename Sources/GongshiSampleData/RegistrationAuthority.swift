/// A registration authority (登记管理机关): a district's 民政局, or a city's, which
/// registers some foundations. Notices and penalty decisions are numbered per authority.
struct RegistrationAuthority: Sendable {
    /// `上海市青浦区民政局`.
    let name: String
    /// Division code used in notice ids (`N-310118-2023-0001`).
    let code: String
    /// One character for document numbers (`青民罚决字〔2023〕3号`).
    let abbreviation: String

    /// The districts' authorities first, at the districts' indexes, then the cities'.
    static let all: [RegistrationAuthority] = {
        var list = District.all.map { RegistrationAuthority(name: $0.authority, code: $0.code, abbreviation: $0.abbreviation) }
        for district in District.all where !list.contains(where: { $0.code == district.cityCode }) {
            list.append(RegistrationAuthority(name: district.cityAuthority, code: district.cityCode, abbreviation: district.cityAbbreviation))
        }
        return list
    }()

    /// For each district, the index of its city's authority in `all`.
    static let cityIndex: [Int] = District.all.map { district in all.firstIndex { $0.code == district.cityCode }! }
}
