/// `/`: how much the site holds, the newest notices and documents.
struct HomePage: PageModel {
    static let template = "home"

    struct Count: Encodable {
        let label: String
        let count: Int
        let url: String
    }
    struct Policy: Encodable {
        let title: String
        let url: String
        let level: String
        let status: String
        let date: String
    }
    struct Notice: Encodable {
        let title: String
        let url: String
        let kind: String
        let issuer: String
        let date: String
    }

    let counts: [Count]
    let policies: [Policy]
    let notices: [Notice]
}
