import Foundation

/// Where tests put their temporary databases and corpora: one directory per test process,
/// removed when the process exits, so test runs leave nothing behind in the temp directory.
public enum Scratch {
    public static let directory: URL = {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("gongshi-tests-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: Scratch.directory) }
        return url
    }()
}
