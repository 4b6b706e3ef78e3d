import ArgumentParser
import Foundation
import GongshiDesk

/// `gongshi desk init|backup|pairs`: the consultation desk's database.
struct DeskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "desk",
        abstract: "咨询台数据库：创建、备份、导出问答对",
        subcommands: [Init.self, Backup.self, Pairs.self]
    )

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "创建（或升级）咨询台数据库")
        @OptionGroup var desk: DeskOptions

        func run() throws {
            let opened = try desk.open()
            print("咨询台数据库已就绪：\(opened.path)")
            if try !opened.hasAdmin() {
                print("尚无管理员。创建：gongshi user add 用户名 --role admin --desk-db \(opened.path)")
            }
        }
    }

    struct Backup: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "在线备份咨询台数据库（服务运行时也可执行，得到一致的副本）")
        @OptionGroup var desk: DeskOptions
        @Option(help: "备份文件（不能已存在）") var to: String

        func run() throws {
            try desk.open().backup(to: to)
            print("已备份到：\(to)")
        }
    }

    struct Pairs: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "把已发布的常见问题写成问答对（JSON Lines：id、q、relevant）")
        @OptionGroup var desk: DeskOptions
        @Option(help: "输出文件") var to = "Corpus/qa-pairs/desk-faq.jsonl"

        func run() throws {
            let opened = try desk.open()
            try opened.writeQAPairs(to: to)
            print("已写入 \(try opened.qaPairs().count) 条问答对：\(to)")
        }
    }
}

/// `--desk-db`, shared by the desk and user commands.
struct DeskOptions: ParsableArguments {
    @Option(name: [.customLong("desk-db"), .customLong("db")], help: "咨询台数据库文件") var path = "data/desk.sqlite"

    func open() throws -> Desk {
        do { return try Desk(path: path) } catch {
            Terminal.error("错误：\(error)")
            throw ExitCode(2)
        }
    }
}
