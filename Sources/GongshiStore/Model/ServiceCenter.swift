/// Contact details of the service center that a low-confidence answer points to
/// (`Corpus/service-center.yaml`).
public struct ServiceCenter: Codable, Sendable, Equatable {
    public var name: String
    public var address: String?
    public var phone: String?
    public var hours: String?
    public var web: String?

    public init(name: String, address: String? = nil, phone: String? = nil, hours: String? = nil, web: String? = nil) {
        self.name = name
        self.address = address
        self.phone = phone
        self.hours = hours
        self.web = web
    }
}
