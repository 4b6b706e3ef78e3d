import GongshiSearch
import GongshiStore

/// Everything the handlers read: the search engine, the catalogue, the page templates
/// and the static files. Immutable after start, shared by every worker thread.
public struct Site: Sendable {
    public let search: SearchEngine
    public let catalog: PolicyCatalog
    public let answers: AnswerEngine
    let pages: PageRenderer
    let files: StaticFiles

    public init(search: SearchEngine, catalog: PolicyCatalog, answers: AnswerEngine, pages: PageRenderer, files: StaticFiles) {
        self.search = search
        self.catalog = catalog
        self.answers = answers
        self.pages = pages
        self.files = files
    }

    /// A site over one index database and a static directory.
    public init(database: GongshiDatabase, staticDirectory: String?) throws(WebError) {
        let search: SearchEngine, answers: AnswerEngine
        do {
            search = try SearchEngine(database: database)
            answers = try AnswerEngine(database: database)
        } catch { throw WebError("\(error)", path: database.path) }
        self.init(search: search, catalog: PolicyCatalog(database: database), answers: answers, pages: try PageRenderer(),
                  files: try staticDirectory.map { dir throws(WebError) in try StaticFiles(directory: dir) } ?? StaticFiles())
    }
}
