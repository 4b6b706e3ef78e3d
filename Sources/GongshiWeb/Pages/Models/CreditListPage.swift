import GongshiDisclosure

/// `/credit/abnormal`, `/credit/serious`: the JSON twin's entries (`CreditListBody`) with
/// the tabs, the filter form, the export links and the pagination bar.
struct CreditListPage: PageModel {
    static let template = "credit"

    /// Nothing listed under a name: not "not listed", the name may be written differently.
    struct NameNotFound: Encodable {
        let name: String
        let searchURL: String
        let orgsURL: String
    }

    struct Extra: Encodable {
        let path: String
        let isAbnormal: Bool
        let isSerious: Bool
        let csvURL: String
        let jsonURL: String
        let pagination: PageLinks
        var nameNotFound: NameNotFound?

        enum CodingKeys: String, CodingKey { case path, isAbnormal, isSerious, csvURL, jsonURL, nameNotFound }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(path, forKey: .path)
            try c.encode(isAbnormal, forKey: .isAbnormal)
            try c.encode(isSerious, forKey: .isSerious)
            try c.encode(csvURL, forKey: .csvURL)
            try c.encode(jsonURL, forKey: .jsonURL)
            try c.encodeIfPresent(nameNotFound, forKey: .nameNotFound)
            try pagination.encode(to: encoder)
        }
    }

    let list: CreditListBody
    let extra: Extra

    func encode(to encoder: any Encoder) throws { try Merged(list, extra).encode(to: encoder) }
}
