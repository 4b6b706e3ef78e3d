import Foundation

/// A file of the corpus and what it holds.
public struct CorpusFile: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case orgs, credit, notices, policy, synonyms, faq, qaVocabulary, serviceCenter, qaPairs
    }

    public let kind: Kind
    /// Path relative to the corpus root, with forward slashes: the key in the index.
    public let relativePath: String
    public let url: URL

    /// Finds the corpus files below `root`, in the order they are indexed
    /// (organizations before the records that refer to them).
    public static func scan(root: URL) -> [CorpusFile] {
        var files: [CorpusFile] = []
        let fm = FileManager.default
        func add(_ folder: String, _ kind: Kind, _ extensions: Set<String>, recursive: Bool) {
            let base = root.appendingPathComponent(folder)
            guard
                let enumerator = fm.enumerator(
                    at: base, includingPropertiesForKeys: [.isRegularFileKey],
                    options: recursive ? [.skipsHiddenFiles] : [.skipsHiddenFiles, .skipsSubdirectoryDescendants])
            else { return }
            var found: [CorpusFile] = []
            for case let url as URL in enumerator {
                guard extensions.contains(url.pathExtension.lowercased()),
                    (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true
                else { continue }
                let relative = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count))
                    .trimmingCharacters(in: CharacterSet(charactersIn: "/"))
                found.append(CorpusFile(kind: kind, relativePath: relative, url: url))
            }
            files += found.sorted { $0.relativePath < $1.relativePath }
        }
        add("orgs", .orgs, ["csv", "jsonl"], recursive: false)
        add("credit", .credit, ["csv", "jsonl"], recursive: false)
        add("notices", .notices, ["csv", "jsonl"], recursive: false)
        add("policies", .policy, ["md"], recursive: true)
        add("faq", .faq, ["md"], recursive: true)
        add("qa-pairs", .qaPairs, ["jsonl"], recursive: false)
        for (name, kind) in [("synonyms.txt", Kind.synonyms), ("qa-vocabulary.txt", .qaVocabulary), ("service-center.yaml", .serviceCenter)] {
            let url = root.appendingPathComponent(name)
            if fm.fileExists(atPath: url.path) {
                files.append(CorpusFile(kind: kind, relativePath: name, url: url))
            }
        }
        return files
    }

    /// The document id of a policy file: its file name without extension.
    var documentId: String { url.deletingPathExtension().lastPathComponent }
}
