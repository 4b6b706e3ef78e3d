/// One name offered while typing in the search box (联想).
public struct Suggestion: Codable, Sendable, Equatable {
    public var code: String
    public var name: String
    public var type: String
    public var status: String
}
