/// An engine value as the API and the pages show it: its own fields, plus the address the
/// web adds under `key` (`url`, `org_url`, `report_url`). Engines return ids; only the web
/// knows addresses (`URLBuilder`).
struct Linked<Base: Encodable & Sendable>: Encodable, Sendable {
    let base: Base
    let key: String
    let url: String

    init(_ base: Base, url: String, key: String = "url") {
        self.base = base
        self.url = url
        self.key = key
    }

    func encode(to encoder: any Encoder) throws {
        // The base's fields and the address go into the same JSON object: JSONEncoder hands
        // out the one keyed container again (as when a subclass encodes after its super).
        try base.encode(to: encoder)
        var c = encoder.container(keyedBy: LinkKey.self)
        try c.encode(url, forKey: LinkKey(stringValue: key))
    }

    struct LinkKey: CodingKey {
        let stringValue: String
        init(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }
}
