/// A question turned into what retrieval needs: the concepts it asks about (each with
/// the words that express it in the regulations), documents it names, an article number.
struct QuestionAnalysis: Sendable {
    struct Concept: Sendable, Equatable {
        enum Source: Sendable { case word, vocabulary, synonym, number }
        /// As found in the (folded) question.
        var text: String
        /// Folded strings that count as the concept in a text; the first is `text` unless
        /// the question's word is colloquial and never appears in regulations.
        var alternatives: [String]
        var weight: Double
        var source: Source
        /// Shorter forms that count half (申请书 -> 申请).
        var partial: [String] = []
        /// Position in the folded question, to find adjacent concepts.
        var start: Int
        var end: Int
    }

    var question: String
    var folded: String
    var concepts: [Concept]
    /// Pairs of adjacent concepts written together (社会+团体): a text containing the
    /// pair as written scores more.
    var pairs: [String]
    /// Titles of the documents the question names (慈善法, 《基金会管理条例》).
    var namedTitles: [String]
    /// 第十条 / 第10条 in the question.
    var articleNumber: Int?
    /// The question asks what a term means (什么是慈善信托).
    var asksDefinition = false

    var isEmpty: Bool { concepts.isEmpty && namedTitles.isEmpty }
}
