/// Counts of the values of one attribute among the matches.
public struct Facet: Codable, Sendable, Equatable {
    public struct Value: Codable, Sendable, Equatable {
        public var value: String
        public var count: Int
    }
    public var name: String
    public var values: [Value]
}
