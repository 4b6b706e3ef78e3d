/// A page of a list: 1-based page number and a size of at most `maxSize`.
public struct PageRequest: Codable, Sendable, Equatable {
    public static let maxSize = 100
    /// Deep pages cost an OFFSET scan; nobody reads page 1,001 of a list.
    public static let maxPage = 1000

    public let page: Int
    public let size: Int

    /// Clamps out-of-range values instead of failing.
    public init(page: Int = 1, size: Int = 20) {
        self.page = min(max(1, page), Self.maxPage)
        self.size = min(max(1, size), Self.maxSize)
    }

    var offset: Int { (page - 1) * size }

    enum CodingKeys: String, CodingKey {
        case page
        case size = "page_size"
    }
}
