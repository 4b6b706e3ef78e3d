import Foundation

/// A reply an admin published as an FAQ entry: the question, the answer and the articles,
/// without anything about the enquirer.
public struct PublishedFAQ: Sendable, Codable {
    public var consultationID: Int64
    public var question: String
    public var answer: String
    public var articles: [Citation]
    public var publishedAt: Date

    enum CodingKeys: String, CodingKey {
        case consultationID = "consultation_id", question, answer, articles
        case publishedAt = "published_at"
    }
}
