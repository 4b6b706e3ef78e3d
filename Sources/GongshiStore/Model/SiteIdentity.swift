/// Whose site this is (`Corpus/site.yaml`): shown on the home page and in every page's footer.
/// Every field is optional and an unset one is simply not shown — nothing is made up.
public struct SiteIdentity: Codable, Sendable, Equatable {
    /// The site's name (网站名称), in the header and the page titles.
    public var name: String?
    /// The district or body that runs the site (主办单位), e.g. 某某区民政局.
    public var body: String?
    /// The area the data covers (覆盖范围).
    public var region: String?
    /// The service center people can visit or call: name, address, phone, opening hours.
    public var center: String?
    public var address: String?
    public var phone: String?
    public var hours: String?
    /// A public web address of the body.
    public var web: String?
    /// A short statement shown on the home page (for example that the records are sample data).
    public var note: String?

    public init(
        name: String? = nil, body: String? = nil, region: String? = nil, center: String? = nil, address: String? = nil,
        phone: String? = nil, hours: String? = nil, web: String? = nil, note: String? = nil
    ) {
        self.name = name
        self.body = body
        self.region = region
        self.center = center
        self.address = address
        self.phone = phone
        self.hours = hours
        self.web = web
        self.note = note
    }

    /// The keys of site.yaml, in the order the file documents them.
    public static let keys = ["name", "body", "region", "center", "address", "phone", "hours", "web", "note"]

    /// Nothing set at all.
    public var isEmpty: Bool { self == SiteIdentity() }
}
