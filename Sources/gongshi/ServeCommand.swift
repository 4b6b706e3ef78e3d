import ArgumentParser
import Dispatch
import Foundation
import GongshiDesk
import GongshiSearch
import GongshiStore
import GongshiWeb
import Logging

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "启动 Web 服务：检索、政策法规页面与 JSON 接口"
    )

    @OptionGroup var database: DatabaseOptions
    @Option(help: "以只读方式服务一个快照目录（gongshi snapshot 生成；启动前校验清单与 SHA-256），代替 --db") var snapshot: String?
    @Option(help: "监听地址（IPv4）") var host = "127.0.0.1"
    @Option(help: "端口") var port: UInt16 = 8080
    @Option(help: "工作线程数") var threads = 4
    @Option(help: "静态文件目录（CSS 等）") var staticDir = "Static"
    @Flag(inversion: .prefixedNo, help: "每个请求写一行访问日志到标准错误") var accessLog = true
    @Option(help: "缓存的检索结果条数（索引更新后自动失效；0 表示不缓存）") var searchCache = 1_024
    @Option(help: "同时连接数上限（默认按本机文件描述符上限确定）") var maxConnections: Int?
    @Option(help: "每个 IP 地址的同时连接数上限（0 表示不限；反向代理之后应设为 0 或较大值）") var perAddressConnections = 64
    @Option(help: "请求头必须在连接建立（或上一个响应发出）后多少秒内收完（0 表示不限）") var headTimeout = 10
    @Flag(help: "以只读方式打开数据库（只读介质：SQLite immutable=1，不读写 WAL）") var readOnly = false

    @Option(help: "咨询台数据库文件（不存在时创建）") var deskDb = "data/desk.sqlite"
    @Option(help: "已发布常见问题的问答对文件（供下次索引使用）") var qaPairs = "Corpus/qa-pairs/desk-faq.jsonl"
    @Flag(inversion: .prefixedNo, help: "开放 /consult 在线咨询") var publicQuestions = true
    @Option(help: "咨询超过多少个工作日未答复算超期") var overdueDays = 5

    func validate() throws {
        guard (1...64).contains(threads) else { throw ValidationError("--threads 应在 1 到 64 之间") }
        if let maxConnections, !(1...1_000_000).contains(maxConnections) { throw ValidationError("--max-connections 应在 1 到 1000000 之间") }
        guard perAddressConnections >= 0 else { throw ValidationError("--per-address-connections 不能为负数") }
        guard (0...3_600).contains(headTimeout) else { throw ValidationError("--head-timeout 应在 0 到 3600 秒之间") }
        guard (1...365).contains(overdueDays) else { throw ValidationError("--overdue-days 应在 1 到 365 之间") }
    }

    func run() throws {
        // Lines to a terminal appear at once; to a file or pipe they are written in batches.
        let logBuffer: LogBuffer? = isatty(2) == 1 ? nil : LogBuffer()
        LoggingSystem.bootstrap { LineLogHandler(label: $0, buffer: logBuffer) }
        let site: Site
        do {
            if let snapshot {
                let verified = try SnapshotPublisher.openVerified(directory: snapshot)
                site = try Site(
                    database: verified.database, staticDirectory: staticDir, cachedSearches: max(searchCache, 0),
                    snapshot: verified.snapshot)
                print("快照已校验：索引版本 \(verified.snapshot.manifest.generation)（\(snapshot)）")
            } else {
                site = try Site(
                    database: GongshiDatabase(path: database.path, readOnly: true, immutable: readOnly), staticDirectory: staticDir,
                    cachedSearches: max(searchCache, 0))
            }
        } catch {
            Terminal.error(snapshot == nil ? "错误：\(error)" : "错误：快照校验未通过，拒绝启动：\(SnapshotCommand.describe(error))")
            throw ExitCode(2)
        }
        var logger = Logger(label: "gongshi.http")
        logger.logLevel = accessLog ? .info : .warning
        let desk: Desk
        var policy = Desk.Policy()
        policy.overdueWorkingDays = overdueDays
        do { desk = try Desk(path: deskDb, policy: policy) } catch {
            Terminal.error("错误：\(error)")
            throw ExitCode(2)
        }
        var deskOptions = DeskRoutes.Options()
        deskOptions.publicQuestions = publicQuestions
        deskOptions.qaPairsFile = qaPairs
        let server = HTTPServer(router: Router(site: site, desk: DeskRoutes(site: site, desk: desk, options: deskOptions)), logger: logger)
        HTTPServer.raiseDescriptorLimit()
        var options = HTTPServer.Options()
        options.host = host
        options.port = port
        options.threads = threads
        options.connectionLimit = maxConnections ?? HTTPServer.defaultConnectionLimit()
        options.perAddressLimit = perAddressConnections
        options.headTimeoutSeconds = headTimeout
        // Clean shutdown on SIGINT/SIGTERM: stop accepting, finish requests in flight.
        // Installed before the server listens: a SIGTERM sent as soon as it answers was ignored.
        let stop = DispatchSemaphore(value: 0)
        var sources: [DispatchSourceSignal] = []
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { stop.signal() }
            source.resume()
            sources.append(source)
        }
        do { try server.start(options) } catch {
            Terminal.error("错误：\(error)")
            throw ExitCode(2)
        }
        DispatchQueue.global(qos: .utility).async { site.warmUp() }
        print("正在服务：http://\(host):\(server.port)/  （Ctrl-C 停止）")
        // On the terminal, not in the access log: the operator must see it.
        if (try? desk.hasAdmin()) != true {
            FileHandle.standardOutput.write(Data("咨询台尚无管理员账号。创建：gongshi user add 用户名 --role admin --desk-db \(deskDb)\n".utf8))
        }
        stop.wait()
        server.stop()
        logBuffer?.flush()
        print("已停止")
    }
}
