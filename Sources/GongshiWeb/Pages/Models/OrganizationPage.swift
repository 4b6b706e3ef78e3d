import GongshiDisclosure

/// `/orgs/{code}`: the JSON twin's profile (`OrganizationProfileBody`, with the
/// service-center report inside `service_center` when it is one) and the credit sections.
struct OrganizationPage: PageModel {
    static let template = "org"

    struct CreditSection: Encodable {
        let title: String
        let entries: [CreditEntry]
        let hasEntries: Bool
    }
    struct Extra: Encodable {
        let hasInspections: Bool
        let creditSections: [CreditSection]
        let hasPenalties: Bool
    }

    let profile: OrganizationProfileBody
    let extra: Extra

    func encode(to encoder: any Encoder) throws { try Merged(profile, extra).encode(to: encoder) }
}
