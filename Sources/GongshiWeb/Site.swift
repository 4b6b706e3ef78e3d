import GongshiAnswers
import GongshiDisclosure
import GongshiSearch
import GongshiStore
import Logging

/// Everything the handlers read: the search engine, the catalogue, the page templates
/// and the static files. Immutable after start, shared by every worker thread.
public struct Site: Sendable {
    public let search: SearchEngine
    public let catalog: PolicyCatalog
    public let answers: AnswerEngine
    public let directory: OrganizationDirectory
    private(set) var pages: PageRenderer
    /// Whose site this is (`Corpus/site.yaml`), for every page's header and footer.
    public let identity: SiteIdentityReader
    /// 办事指南 (`/guides`).
    public let guides: GuideBook
    let files: StaticFiles
    /// Where server errors (5xx) go, with their cause; see `ErrorResponder`.
    public let logger: Logger
    private(set) var errors: ErrorResponder
    /// Generation, counts, snapshot and metrics of this node (`/healthz`, `/data/`, `/metrics`).
    public let node: NodeStatus

    public init(
        search: SearchEngine, catalog: PolicyCatalog, answers: AnswerEngine, directory: OrganizationDirectory,
        pages: PageRenderer, files: StaticFiles, node: NodeStatus? = nil, logger: Logger = Logger(label: "gongshi.web")
    ) {
        self.node = node ?? NodeStatus(database: search.database)
        let engine = search
        self.node.metrics.connect(cache: { engine.cacheStatistics })
        self.search = search
        self.directory = directory
        self.catalog = catalog
        self.answers = answers
        let identity = SiteIdentityReader(database: search.database)
        var pages = pages
        pages.identity = { identity.current() }
        self.identity = identity
        guides = GuideBook(database: search.database)
        self.pages = pages
        self.files = files
        self.logger = logger
        errors = ErrorResponder(logger: logger, pages: pages)
    }

    /// A site over one index database and a static directory; `cachedSearches` responses
    /// of repeated searches are kept per index generation (0: none). `snapshot`: the
    /// verified snapshot `database` was opened from (its generation goes on every response,
    /// static files included, and its files are offered under `/data/`).
    public init(
        database: GongshiDatabase, staticDirectory: String?, cachedSearches: Int = 1_024,
        snapshot: PublishedSnapshot? = nil, logger: Logger = Logger(label: "gongshi.web")
    ) throws(WebError) {
        let search: SearchEngine
        let answers: AnswerEngine
        let directory: OrganizationDirectory
        do {
            search = try SearchEngine(database: database, cachedResponses: cachedSearches)
            answers = try AnswerEngine(database: database)
            directory = try OrganizationDirectory(database: database)
        } catch { throw WebError("\(error)", path: database.path) }
        let node = snapshot.map(NodeStatus.init(snapshot:)) ?? NodeStatus(database: database)
        let generationHeader = snapshot.map { [(Router.generationHeader, String($0.manifest.generation))] } ?? []
        self.init(
            search: search, catalog: PolicyCatalog(database: database), answers: answers, directory: directory, pages: try PageRenderer(),
            files: try staticDirectory.map { dir throws(WebError) in try StaticFiles(directory: dir, extraHeaders: generationHeader) } ?? StaticFiles(),
            node: node, logger: logger)
    }

    /// Links every page to the consultation desk's public pages this server offers (the
    /// router serves them only with a desk attached; `DeskRoutes` calls this).
    mutating func linkDesk(_ links: PublicDeskLinks) {
        pages.desk = links
        errors = ErrorResponder(logger: logger, pages: pages)
    }

    /// Computes what the first visitors would otherwise wait for: the statistics and the
    /// unfiltered /orgs counts scan every organization (seconds at a million), and the
    /// home page's counts read every table once. Errors are ignored: pages report them.
    public func warmUp() {
        try? search.prepare()
        _ = try? catalog.overview()
        _ = try? directory.statistics()
        _ = try? directory.search(filter: OrganizationFilter())
    }
}
