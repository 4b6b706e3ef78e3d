/// How many items of a list have one value of a field.
public struct FacetCount: Codable, Sendable, Equatable {
    /// The value used in filters (社会团体, 5A, serious, none).
    public var value: String
    /// What a user reads (列入严重违法失信名单, 无有效等级).
    public var label: String
    public var count: Int

    public init(value: String, label: String? = nil, count: Int) {
        self.value = value
        self.label = label ?? value
        self.count = count
    }
}
