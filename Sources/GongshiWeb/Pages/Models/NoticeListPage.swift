import GongshiDisclosure

/// `/notices`: the JSON twin's page of notices (`NoticeFeedBody`) with the filter form,
/// the feed and JSON links and the pagination bar.
struct NoticeListPage: PageModel {
    static let template = "notices"

    struct Kind: Encodable {
        let value: String
        let selected: Bool
    }
    struct Extra: Encodable {
        let kinds: [Kind]
        let atomURL: String
        let jsonURL: String
        let pagination: PageLinks

        enum CodingKeys: String, CodingKey { case kinds, atomURL, jsonURL }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(kinds, forKey: .kinds)
            try c.encode(atomURL, forKey: .atomURL)
            try c.encode(jsonURL, forKey: .jsonURL)
            try pagination.encode(to: encoder)
        }
    }

    let feed: NoticeFeedBody
    let extra: Extra

    func encode(to encoder: any Encoder) throws { try Merged(feed, extra).encode(to: encoder) }
}
