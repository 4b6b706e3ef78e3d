/// `/policies/{id}`: one document with its catalogue facts, contents and units.
struct PolicyDocumentPage: PageModel {
    static let template = "policy"

    struct Fact: Encodable {
        let label: String
        let value: String
        /// "" when the value is no link.
        let url: String
    }
    struct Entry: Encodable {
        let anchor: String
        let title: String
    }
    struct Unit: Encodable {
        let anchor: String
        let label: String
        let paragraphs: [String]
    }
    /// A chapter heading or a unit, in document order.
    struct Block: Encodable {
        var chapter: String?
        var anchor: String?
        var unit: Unit?
    }

    let title: String
    let facts: [Fact]
    let blocks: [Block]
    let toc: [Entry]
    let hasToc: Bool
    let preamble: [String]
    let hasPreamble: Bool
    /// 《社会团体登记管理条例》（2016修订）: how a citation of one of its articles names it.
    var citeTitle = ""
    var banner: String?
    var bannerClass: String?
}
