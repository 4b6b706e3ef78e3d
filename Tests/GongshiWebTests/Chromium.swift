import Foundation
import GongshiTestSupport
import Testing

/// Debian's headless Chromium, run once per page: the DOM after scripts ran (--dump-dom)
/// or a screenshot. Each run gets a profile of its own in the scratch directory.
enum Chromium {
    static let binary = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let artifacts = ProjectPaths.root.appendingPathComponent("artifacts/browser")

    /// Runs Chromium headless on one URL; returns what it printed.
    static func run(_ arguments: [String], url: String, virtualTimeMilliseconds: Int = 3000) throws -> String {
        let binary = try #require(Self.binary, "Chromium is missing: run scripts/install-deps.sh --test (make test does)")
        let profile = Scratch.directory.appendingPathComponent("gongshi-chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--hide-scrollbars", "--user-data-dir=\(profile.path)", "--virtual-time-budget=\(virtualTimeMilliseconds)",
            ]
            + arguments + [url]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "chromium exited with \(process.terminationStatus)")
        return String(decoding: data, as: UTF8.self)
    }

    static func dom(_ url: String) throws -> String { try run(["--dump-dom"], url: url) }

    /// A PNG in artifacts/browser/ for people to look at; fails on an empty picture.
    static func screenshot(_ url: String, name: String, width: Int = 1280, height: Int = 1400) throws {
        try FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
        let file = artifacts.appendingPathComponent("\(name).png")
        try? FileManager.default.removeItem(at: file)
        _ = try run(["--screenshot=\(file.path)", "--window-size=\(width),\(height)"], url: url)
        let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
        #expect(size > 10_000, "screenshot \(name) is \(size) bytes")
    }
}
