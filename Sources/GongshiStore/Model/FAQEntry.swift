/// A curated question and answer (`Corpus/faq/*.md`) with the articles it rests on.
public struct FAQEntry: Sendable, Equatable {
    /// An article an answer rests on: 《社会团体登记管理条例》第十条.
    public struct ArticleReference: Sendable, Equatable {
        public var documentTitle: String
        public var article: Int?

        public init(documentTitle: String, article: Int?) {
            self.documentTitle = documentTitle
            self.article = article
        }
    }

    public var question: String
    /// Other ways people ask the same thing.
    public var variants: [String]
    public var answer: String
    public var articles: [ArticleReference]

    public init(question: String, variants: [String], answer: String, articles: [ArticleReference]) {
        self.question = question
        self.variants = variants
        self.answer = answer
        self.articles = articles
    }
}
