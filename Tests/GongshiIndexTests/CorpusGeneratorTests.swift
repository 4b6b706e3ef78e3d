import Foundation
import GongshiIndex
import GongshiStore
import Testing

@Suite struct CorpusGeneratorTests {
    func generate(_ orgs: Int, seed: UInt64 = 20161, rowsPerFile: Int = 50_000) throws -> (URL, GenerationSummary) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gongshi-gen-\(UUID().uuidString)")
        var generator = CorpusGenerator(organizations: orgs, seed: seed)
        generator.rowsPerFile = rowsPerFile
        return (dir, try generator.write(to: dir))
    }

    func contents(_ dir: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for folder in ["orgs", "credit", "notices"] {
            for name in try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent(folder).path) {
                out["\(folder)/\(name)"] = try Data(contentsOf: dir.appendingPathComponent(folder).appendingPathComponent(name))
            }
        }
        return out
    }

    @Test func sameSeedGivesIdenticalFilesAndAnotherSeedDoesNot() throws {
        let (a, _) = try generate(120)
        let (b, _) = try generate(120)
        let (c, _) = try generate(120, seed: 7)
        #expect(try contents(a) == contents(b))
        #expect(try contents(a) != contents(c))
    }

    @Test func everyTypeStatusGradeAndCreditSituationIsRepresentedAndIndexesCleanly() throws {
        let (dir, summary) = try generate(300)
        #expect(summary.organizations == 300)
        let database = try GongshiDatabase(path: dir.appendingPathComponent("x.sqlite").path)
        let indexed = try Indexer(corpus: dir, database: database).run()
        #expect(indexed.problems.isEmpty, "\(indexed.problems.prefix(5))")
        #expect(indexed.totals["org"] == 300)
        func strings(_ sql: String) throws -> Set<String> { Set(try database.read { db in try String.fetchAll(db, sql: sql) }) }
        func count(_ sql: String) throws -> Int { try database.read { db in try Int.fetchOne(db, sql: sql) ?? 0 } }
        #expect(try strings("SELECT DISTINCT type FROM org") == Set(Organization.types))
        #expect(try strings("SELECT DISTINCT status FROM org") == Set(Organization.statuses))
        #expect(try strings("SELECT DISTINCT grade FROM org WHERE grade IS NOT NULL") == Set(Organization.grades))
        #expect(try count("SELECT count(*) FROM org WHERE grade IS NULL") > 0)
        #expect(try count("SELECT count(*) FROM org WHERE grade_until < '2026-01-01'") > 0)
        #expect(try count("SELECT count(*) FROM credit_record WHERE list = '活动异常名录' AND removed_on IS NULL") > 0)
        #expect(try count("SELECT count(*) FROM credit_record WHERE list = '活动异常名录' AND removed_on IS NOT NULL") > 0)
        #expect(try count("SELECT count(*) FROM credit_record WHERE list = '严重违法失信名单'") > 0)
        #expect(try count("SELECT count(*) FROM credit_record WHERE list = '行政处罚'") > 0)
        #expect(try strings("SELECT DISTINCT kind FROM notice") == Set(Notice.kinds))
        #expect(try strings("SELECT DISTINCT center_level FROM org WHERE center_level IS NOT NULL") == Set(Organization.centerLevels))
        #expect(try count("SELECT count(DISTINCT name) FROM org") == 300)
    }

    @Test func largeRunsSplitIntoChunksWithUniqueValidCodes() throws {
        let (dir, summary) = try generate(5_000, rowsPerFile: 2_000)
        #expect(summary.files.filter { $0.hasPrefix("orgs/") } == ["orgs/orgs-0001.csv", "orgs/orgs-0002.csv", "orgs/orgs-0003.csv"])
        var codes: Set<String> = []
        var names: Set<String> = []
        for file in summary.files where file.hasPrefix("orgs/") {
            let text = try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n").dropFirst() {
                let fields = line.split(separator: ",", omittingEmptySubsequences: false)
                let code = String(fields[0])
                #expect((try? CreditCode(validating: code)) != nil, "\(code)")
                codes.insert(code)
                names.insert(String(fields[1]))
            }
        }
        #expect(codes.count == 5_000)
        #expect(names.count == 5_000)
    }
}
