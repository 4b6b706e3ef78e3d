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
    @Option(help: "监听地址（IPv4）") var host = "127.0.0.1"
    @Option(help: "端口") var port: UInt16 = 8080
    @Option(help: "工作线程数") var threads = 4
    @Option(help: "静态文件目录（CSS 等）") var staticDir = "Static"
    @Flag(inversion: .prefixedNo, help: "每个请求写一行访问日志到标准错误") var accessLog = true
    @Option(help: "缓存的检索结果条数（索引更新后自动失效；0 表示不缓存）") var searchCache = 1_024

    func validate() throws {
        guard (1...64).contains(threads) else { throw ValidationError("--threads 应在 1 到 64 之间") }
    }

    func run() throws {
        // Lines to a terminal appear at once; to a file or pipe they are written in batches.
        let logBuffer: LogBuffer? = isatty(2) == 1 ? nil : LogBuffer()
        LoggingSystem.bootstrap { LineLogHandler(label: $0, buffer: logBuffer) }
        let site: Site
        do { site = try Site(database: database.openReadOnly(), staticDirectory: staticDir, cachedSearches: max(searchCache, 0)) } catch {
            Terminal.error("错误：\(error)")
            throw ExitCode(2)
        }
        var logger = Logger(label: "gongshi.http")
        logger.logLevel = accessLog ? .info : .warning
        let server = HTTPServer(router: Router(site: site), logger: logger)
        var options = HTTPServer.Options()
        options.host = host
        options.port = port
        options.threads = threads
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
