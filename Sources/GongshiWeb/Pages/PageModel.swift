/// The typed model of one page: what its Mustache template reads, under the template's
/// names (Swift's camelCase names become the templates' snake_case ones, see
/// `TemplateData.snakeCase`). `PageModelTests` renders every template with its model
/// and fails on a name the template uses that the model lacks.
protocol PageModel: Encodable {
    /// The template's file name without `.mustache`.
    static var template: String { get }
}

/// Two values encoded into one object: an API body and what its page adds, or a page
/// and the layout around it.
struct Merged<Base: Encodable, Extra: Encodable>: Encodable {
    let base: Base
    let extra: Extra

    init(_ base: Base, _ extra: Extra) {
        self.base = base
        self.extra = extra
    }

    func encode(to encoder: any Encoder) throws {
        // One object: encoders hand out the same keyed container again (see `Linked`).
        try base.encode(to: encoder)
        try extra.encode(to: encoder)
    }
}

/// The pagination bar of a list page (the `pagination` partial).
struct PageLinks: Encodable {
    struct Link: Encodable {
        let number: Int
        let url: String
        let current: Bool
    }
    var pages: [Link] = []
    var hasPages: Bool { !pages.isEmpty }

    init() {}

    /// Links to `path` with `parameters` (any `page` among them replaced) around `page`.
    init(total: Int, page: Int, pageSize: Int, maxPages: Int, path: String, parameters: [(String, String?)]) {
        let kept = parameters.filter { $0.0 != "page" }
        pages = Pagination(total: total, page: page, pageSize: pageSize, maxPages: maxPages).links { number in
            URLBuilder.url(path, kept + [("page", number > 1 ? "\(number)" : nil)])
        }.map { Link(number: $0.number, url: $0.url, current: $0.current) }
    }

    enum CodingKeys: String, CodingKey { case pages, hasPages }
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(pages, forKey: .pages)
        try c.encode(hasPages, forKey: .hasPages)
    }
}

/// A facet of a list page's sidebar: per value a link that sets the filter and one that
/// removes it (/search and /policies).
struct FacetLinks: Encodable {
    struct Value: Encodable {
        let label: String
        let count: Int
        let active: Bool
        let url: String
        let removeURL: String
    }
    let label: String
    let values: [Value]
}
