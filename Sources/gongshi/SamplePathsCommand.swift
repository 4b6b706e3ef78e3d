import ArgumentParser
import Foundation
import GongshiStore
import GongshiWeb

/// Writes request paths sampled from an index (organization pages, name prefixes for
/// /api/suggest) for the HTTP benchmark, one per line.
struct SamplePathsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample-paths",
        abstract: "为 Web 基准测试抽样请求路径（组织页面、名称联想），每行一个"
    )

    @OptionGroup var database: DatabaseOptions
    @Option(help: "每种路径的数量") var count = 500
    @Option(help: "输出目录") var out = ".build/bench"

    func run() throws {
        let (codes, names) = try OrganizationSample.draw(from: database.openReadOnly(), count: count)
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        // Prefixes of 2 to 6 characters, from the start of the name or of a later word.
        var generator = SystemRandomNumberGenerator()
        let prefixes = names.map { name -> String in
            let characters = Array(name)
            let start = characters.count > 8 && Bool.random(using: &generator) ? Int.random(in: 3..<(characters.count - 4), using: &generator) : 0
            let length = Int.random(in: 2...6, using: &generator)
            return String(characters[start..<min(characters.count, start + length)])
        }
        try (codes.map { "/orgs/\($0)" }.joined(separator: "\n") + "\n").write(toFile: "\(out)/org-paths.txt", atomically: true, encoding: .utf8)
        try (prefixes.map { "/api/suggest?q=\(URLBuilder.component($0))" }.joined(separator: "\n") + "\n")
            .write(toFile: "\(out)/suggest-paths.txt", atomically: true, encoding: .utf8)
        print("wrote \(codes.count) organization paths and \(prefixes.count) suggest paths to \(out)")
    }
}
