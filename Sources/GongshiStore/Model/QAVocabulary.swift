/// The Q&A vocabulary (`Corpus/qa-vocabulary.txt`): question words to drop, colloquial
/// words with the terms the regulations use, and short names of documents.
public struct QAVocabulary: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// A question word or particle (请问, 怎么, 吗): not part of the retrieval query.
        case question
        /// A colloquial word and the legal terms it stands for (捐钱 -> 捐赠 捐款).
        case term
        /// A short or colloquial name of a document (慈善法 -> 中华人民共和国慈善法).
        case document
    }

    public struct Entry: Sendable, Equatable {
        public var kind: Kind
        public var term: String
        /// Legal terms (for `term`), or one document title (for `document`); empty for `question`.
        public var expansions: [String]

        public init(kind: Kind, term: String, expansions: [String]) {
            self.kind = kind
            self.term = term
            self.expansions = expansions
        }
    }

    public var entries: [Entry]

    public init(entries: [Entry] = []) { self.entries = entries }
}
