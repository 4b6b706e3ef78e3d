import Foundation
import GongshiSearch
import GongshiStore
import Mustache

/// Renders the HTML pages from the Mustache templates bundled with this target. Values
/// are HTML-escaped by Mustache's `{{name}}`; only snippets and highlights, which the
/// search layer has already escaped and marked, use `{{{name}}}`.
public struct PageRenderer: Sendable {
    private let library: MustacheLibrary
    /// Whose site this is, for the header and footer (set by `Site`; none in tests that
    /// build a renderer alone).
    var identity: @Sendable () -> SiteIdentity = { SiteIdentity() }
    /// Which of the consultation desk's public pages this server offers, for the links in
    /// every page's footer and the low-confidence answer (none without a desk).
    var desk = PublicDeskLinks()

    /// Mustache's own HTML escaping walks grapheme clusters through a dictionary, which
    /// dominated the rendering of long Chinese pages; this one escapes the same five
    /// characters on Unicode scalars. Templates select it with a CONTENT_TYPE pragma.
    struct FastHTML: MustacheContentType {
        func escapeText(_ text: String) -> String { HTMLText.escape(text) }
    }

    public init() throws(WebError) {
        MustacheContentTypes.register(FastHTML(), named: "HTML_FAST")
        guard let directory = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
            throw WebError("the page templates are missing from the build (GongshiWeb resources)")
        }
        var library = MustacheLibrary()
        let files = (try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)) ?? []
        for file in files where file.pathExtension == "mustache" {
            do {
                let text = try String(contentsOf: file, encoding: .utf8)
                try library.register(text, named: file.deletingPathExtension().lastPathComponent)
            } catch {
                throw WebError("template does not parse: \(error)", path: file.path)
            }
        }
        guard library.getTemplate(named: "layout") != nil else { throw WebError("layout template missing", path: directory.path) }
        self.library = library
    }

    /// The page of `model`, inside the layout; `page` carries what the layout needs
    /// (preferences, the query in the header box).
    func render<Model: PageModel>(_ model: Model, page: PageContext) throws(WebError) -> HTTPResponse {
        let context = TemplateData.from(data(model, page: page))
        guard let html = library.render(context, withTemplate: Model.template) else {
            throw WebError("page template missing: \(Model.template)")
        }
        return HTTPResponse.html(status: page.status, html)
    }

    /// Everything a page's templates read: its model, the layout's values, whose site this
    /// is and the desk links.
    func data<Model: PageModel>(_ model: Model, page: PageContext) -> some Encodable {
        Merged(Merged(Merged(model, page.layout), SiteFooter(identity: identity())), desk)
    }

    /// The names of the bundled templates (for the test that renders each with its model).
    var templateNames: [String] {
        guard let directory = Bundle.module.url(forResource: "Templates", withExtension: nil),
            let files = try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
        else { return [] }
        return files.filter { $0.pathExtension == "mustache" }.map { $0.deletingPathExtension().lastPathComponent }.sorted()
    }
}
