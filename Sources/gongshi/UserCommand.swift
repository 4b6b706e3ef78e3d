import ArgumentParser
import Foundation
import GongshiDesk

/// `gongshi user add|passwd|disable|enable|list`: the desk's accounts.
struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "咨询台账号：添加、重设密码、停用、启用、列出",
        subcommands: [Add.self, Passwd.self, Disable.self, Enable.self, List.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "添加账号（密码不回显地输入，或用 --password-stdin 从标准输入读取）")
        @Argument(help: "用户名") var name: String
        @Option(help: "角色：staff（工作人员）或 admin（管理员）") var role: String = "staff"
        @Flag(help: "从标准输入读取密码（一行），供脚本使用") var passwordStdin = false
        @OptionGroup var desk: DeskOptions

        func run() throws {
            guard let role = Account.Role(rawValue: role) else { throw ValidationError("--role 应为 staff 或 admin") }
            let password = try UserCommand.readPassword(fromStandardInput: passwordStdin)
            try UserCommand.reporting {
                let account = try desk.open().addAccount(name: name, role: role, password: password)
                print("已添加\(account.role.label)：\(account.name)")
            }
        }
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "停用账号（结束其所有会话；账号和记录保留）")
        @Argument(help: "用户名") var name: String
        @OptionGroup var desk: DeskOptions

        func run() throws {
            try UserCommand.reporting {
                try desk.open().disableAccount(name: name)
                print("已停用：\(name)")
            }
        }
    }

    struct Passwd: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "重设密码（结束该账号的所有会话，解除登录失败锁定；密码不回显地输入，或用 --password-stdin）")
        @Argument(help: "用户名") var name: String
        @Flag(help: "从标准输入读取新密码（一行），供脚本使用") var passwordStdin = false
        @OptionGroup var desk: DeskOptions

        func run() throws {
            let password = try UserCommand.readPassword(fromStandardInput: passwordStdin)
            try UserCommand.reporting {
                try desk.open().setPassword(name: name, password: password)
                print("已重设密码：\(name)（原有会话已结束）")
            }
        }
    }

    struct Enable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "重新启用已停用的账号")
        @Argument(help: "用户名") var name: String
        @OptionGroup var desk: DeskOptions

        func run() throws {
            try UserCommand.reporting {
                try desk.open().enableAccount(name: name)
                print("已启用：\(name)")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "列出账号（用户名、角色、状态）")
        @OptionGroup var desk: DeskOptions

        func run() throws {
            try UserCommand.reporting {
                let accounts = try desk.open().accounts()
                if accounts.isEmpty { print("没有账号。添加管理员：gongshi user add 用户名 --role admin") }
                for account in accounts {
                    print("\(account.name)\t\(account.role.label)\t\(account.disabled ? "已停用" : "正常")")
                }
            }
        }
    }

    /// Runs `body`, and prints a desk error for the operator (in Chinese, without a stack)
    /// and exits with 1 instead of letting it escape.
    static func reporting(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as DeskError {
            Terminal.error("错误：\(error.message)")
            throw ExitCode(1)
        }
    }

    /// A password typed twice without echo, or one line of standard input for scripts.
    static func readPassword(fromStandardInput: Bool) throws -> String {
        if fromStandardInput { return readLine(strippingNewline: true) ?? "" }
        let first = Terminal.readSecret("密码：")
        let second = Terminal.readSecret("再次输入密码：")
        guard first == second else {
            Terminal.error("错误：两次输入的密码不一致")
            throw ExitCode(1)
        }
        return first
    }
}
