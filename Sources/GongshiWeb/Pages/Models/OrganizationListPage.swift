import GongshiDisclosure

/// `/orgs`: the JSON twin's page of organizations (`OrganizationListBody`), plus the
/// filter form, the export links and the pagination bar.
struct OrganizationListPage: PageModel {
    static let template = "orgs"

    struct Select: Encodable {
        struct Option: Encodable {
            let value: String
            let label: String
            let count: Int
            let selected: Bool
        }
        /// The query parameter the select sets.
        let param: String
        let label: String
        let options: [Option]
    }
    struct Extra: Encodable {
        let selects: [Select]
        let pageLabel: Int?
        let csvURL: String
        let jsonURL: String
        let pagination: PageLinks

        enum CodingKeys: String, CodingKey { case selects, pageLabel, csvURL, jsonURL }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(selects, forKey: .selects)
            try c.encodeIfPresent(pageLabel, forKey: .pageLabel)
            try c.encode(csvURL, forKey: .csvURL)
            try c.encode(jsonURL, forKey: .jsonURL)
            try pagination.encode(to: encoder)
        }
    }

    let list: OrganizationListBody
    let extra: Extra

    func encode(to encoder: any Encoder) throws { try Merged(list, extra).encode(to: encoder) }
}
