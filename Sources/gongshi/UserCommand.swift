import ArgumentParser
import Foundation
import GongshiDesk

/// `gongshi user add|disable`: the desk's accounts.
struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "咨询台账号：添加、停用",
        subcommands: [Add.self, Disable.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "添加账号（密码不回显地输入，或用 --password-stdin 从标准输入读取）")
        @Argument(help: "用户名") var name: String
        @Option(help: "角色：staff（工作人员）或 admin（管理员）") var role: String = "staff"
        @Flag(help: "从标准输入读取密码（一行），供脚本使用") var passwordStdin = false
        @OptionGroup var desk: DeskOptions

        func run() throws {
            guard let role = Account.Role(rawValue: role) else { throw ValidationError("--role 应为 staff 或 admin") }
            let password: String
            if passwordStdin {
                password = readLine(strippingNewline: true) ?? ""
            } else {
                let first = Terminal.readSecret("密码：")
                let second = Terminal.readSecret("再次输入密码：")
                guard first == second else {
                    Terminal.error("错误：两次输入的密码不一致")
                    throw ExitCode(1)
                }
                password = first
            }
            do {
                let account = try desk.open().addAccount(name: name, role: role, password: password)
                print("已添加\(account.role.label)：\(account.name)")
            } catch let error as DeskError {
                Terminal.error("错误：\(error.message)")
                throw ExitCode(1)
            }
        }
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "停用账号（结束其所有会话；账号和记录保留）")
        @Argument(help: "用户名") var name: String
        @OptionGroup var desk: DeskOptions

        func run() throws {
            do {
                try desk.open().disableAccount(name: name)
                print("已停用：\(name)")
            } catch let error as DeskError {
                Terminal.error("错误：\(error.message)")
                throw ExitCode(1)
            }
        }
    }
}
