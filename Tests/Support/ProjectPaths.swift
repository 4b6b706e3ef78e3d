import Foundation

/// Where the tests find the project's files. Tests index the fixture corpus, a copy of what
/// they need, so editing the bundled `Corpus/` never breaks a test.
public enum ProjectPaths {
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../..").standardizedFileURL
    public static let fixtureCorpus = root.appendingPathComponent("Tests/Fixtures/corpus")
    public static let staticFiles = root.appendingPathComponent("Static")

    /// A test target's own fixtures folder (`Tests/<Target>/Fixtures`).
    public static func fixtures(_ target: String) -> URL {
        root.appendingPathComponent("Tests/\(target)/Fixtures")
    }
}
