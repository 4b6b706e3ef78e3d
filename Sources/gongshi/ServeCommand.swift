import ArgumentParser
import Dispatch
import Foundation
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

    func validate() throws {
        guard (1...64).contains(threads) else { throw ValidationError("--threads 应在 1 到 64 之间") }
        if let maxConnections, !(1...1_000_000).contains(maxConnections) { throw ValidationError("--max-connections 应在 1 到 1000000 之间") }
        guard perAddressConnections >= 0 else { throw ValidationError("--per-address-connections 不能为负数") }
        guard (0...3_600).contains(headTimeout) else { throw ValidationError("--head-timeout 应在 0 到 3600 秒之间") }
    }

    func run() throws {
        // Lines to a terminal appear at once; to a file or pipe they are written in batches.
        let logBuffer: LogBuffer? = isatty(2) == 1 ? nil : LogBuffer()
        LoggingSystem.bootstrap { LineLogHandler(label: $0, buffer: logBuffer) }
        let site: Site
        do {
            if let snapshot {
                let verified = try SnapshotPublisher.openVerified(directory: snapshot)
                site = try Site(database: verified.database, staticDirectory: staticDir, cachedSearches: max(searchCache, 0),
                                snapshot: verified.snapshot)
                print("快照已校验：索引版本 \(verified.snapshot.manifest.generation)（\(snapshot)）")
            } else {
                site = try Site(database: GongshiDatabase(path: database.path, readOnly: true, immutable: readOnly), staticDirectory: staticDir, cachedSearches: max(searchCache, 0))
            }
        } catch {
            Terminal.error(snapshot == nil ? "错误：\(error)" : "错误：快照校验未通过，拒绝启动：\(SnapshotCommand.describe(error))")
            throw ExitCode(2)
        }
        var logger = Logger(label: "gongshi.http")
        logger.logLevel = accessLog ? .info : .warning
        let server = HTTPServer(router: Router(site: site), logger: logger)
        HTTPServer.raiseDescriptorLimit()
        var options = HTTPServer.Options()
        options.host = host
        options.port = port
        options.threads = threads
        options.connectionLimit = maxConnections ?? HTTPServer.defaultConnectionLimit()
        options.perAddressLimit = perAddressConnections
        options.headTimeoutSeconds = headTimeout
        do { try server.start(options) } catch {
            Terminal.error("错误：\(error)")
            throw ExitCode(2)
        }
        DispatchQueue.global(qos: .utility).async { site.warmUp() }
        print("正在服务：http://\(host):\(server.port)/  （Ctrl-C 停止）")
        // Clean shutdown on SIGINT/SIGTERM: stop accepting, finish requests in flight.
        let stop = DispatchSemaphore(value: 0)
        var sources: [DispatchSourceSignal] = []
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { stop.signal() }
            source.resume()
            sources.append(source)
        }
        stop.wait()
        server.stop()
        logBuffer?.flush()
        print("已停止")
    }
}
