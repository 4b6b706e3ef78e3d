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

    struct Guide: Encodable {
        let title: String
        let url: String
    }

    let counts: [Count]
    /// The founding guides (成立登记), the ones a newcomer looks for first.
    let guides: [Guide]
    let policies: [Policy]
    let notices: [Notice]
}
