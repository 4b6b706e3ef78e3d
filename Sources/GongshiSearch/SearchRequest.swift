/// What a user asked for.
public struct SearchRequest: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable {
        case policy, article, section, org, credit, notice
    }

    public static let maxQueryCharacters = 256
    public static let maxLimit = 100

    public var query: String
    public var kind: Kind?
    public var limit: Int
    public var offset: Int
    public var filters: SearchFilters

    public init(query: String, kind: Kind? = nil, limit: Int = 10, offset: Int = 0, filters: SearchFilters = SearchFilters()) {
        self.query = query
        self.kind = kind
        self.limit = limit
        self.offset = offset
        self.filters = filters
    }
}
