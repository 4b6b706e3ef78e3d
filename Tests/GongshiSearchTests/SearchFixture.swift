import GongshiSearch
import GongshiTestSupport

/// One search engine over the indexed fixture corpus, shared by the search tests.
enum SearchFixture {
    static let shared: Result<SearchEngine, any Error> = Result { try SearchEngine(database: FixtureIndex.database()) }

    static func engine() throws -> SearchEngine { try shared.get() }
}
