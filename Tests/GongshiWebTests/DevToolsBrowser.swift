import Foundation
import GongshiTestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// Headless Chromium driven over the DevTools protocol (a WebSocket on loopback), for walks
/// through pages that need a session: navigate, click, type, read the DOM. The browser keeps
/// its cookies as it would for a person. Only what the desk walk-through needs.
final class DevToolsBrowser {
    struct Failure: Error, CustomStringConvertible { let description: String }

    private let process = Process()
    private let profile: URL
    private var fd: Int32 = -1
    private var nextID = 0
    private var buffer: [UInt8] = []

    init() throws {
        let binary = try Chromium.binary.map { URL(fileURLWithPath: $0) } ?? { throw Failure(description: "Chromium is missing") }()
        profile = Scratch.directory.appendingPathComponent("devtools-\(UUID().uuidString)")
        process.executableURL = binary
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--user-data-dir=\(profile.path)", "--remote-debugging-port=0", "about:blank",
        ]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // "DevTools listening on ws://127.0.0.1:PORT/devtools/browser/…" on standard error.
        var text = ""
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, !text.contains("DevTools listening on") {
            let chunk = err.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        guard let port = text.firstMatch(of: /ws:\/\/127\.0\.0\.1:(\d+)\//).flatMap({ UInt16($0.1) }) else {
            throw Failure(description: "no DevTools address from Chromium: \(text.prefix(300))")
        }
        // The page target's WebSocket path.
        var pagePath: String?
        for _ in 0..<50 where pagePath == nil {
            // DevTools keeps the connection open: read by Content-Length, not to the end.
            let connection = try RawConnection(port: port)
            try connection.send("GET /json/list HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n")
            let list = String(decoding: try connection.readResponse().body, as: UTF8.self)
            connection.close()
            pagePath =
                list.firstMatch(of: /"type": "page",[^}]*?"webSocketDebuggerUrl": "ws:\/\/127\.0\.0\.1:\d+(\/devtools\/page\/[^"]+)"/).map { String($0.1) }
                ?? list.firstMatch(of: /"webSocketDebuggerUrl": "ws:\/\/127\.0\.0\.1:\d+(\/devtools\/page\/[^"]+)"/).map { String($0.1) }
            if pagePath == nil { usleep(100_000) }
        }
        guard let pagePath else { throw Failure(description: "no page target") }
        try connect(port: port, path: pagePath)
    }

    deinit {
        if fd >= 0 { close(fd) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: profile)
    }

    // MARK: - What tests call

    /// Loads `url` and waits until the document is complete.
    func open(_ url: String) throws {
        _ = try call("Page.navigate", ["url": url])
        try waitForLoad(leaving: nil)
    }

    /// Runs `script` in the page and returns its value as text.
    @discardableResult
    func evaluate(_ script: String) throws -> String {
        let result = try call("Runtime.evaluate", ["expression": script, "returnByValue": true])
        if let exception = result["exceptionDetails"] { throw Failure(description: "script failed: \(exception)") }
        let value = (result["result"] as? [String: Any])?["value"]
        return value.map { "\($0)" } ?? ""
    }

    /// Clicks the element `selector` (a submit button: the form is posted) and waits for the next page.
    func click(_ selector: String) throws {
        let before = try evaluate("String(performance.timeOrigin)")
        let found = try evaluate("(function(){var e=document.querySelector(\(Self.js(selector))); if(!e) return 'missing'; e.click(); return 'ok';})()")
        guard found == "ok" else { throw Failure(description: "no element \(selector) on \(try evaluate("location.href"))") }
        try waitForLoad(leaving: before)
    }

    /// Types `text` into the field `selector`.
    func type(_ selector: String, _ text: String) throws {
        let found = try evaluate(
            "(function(){var e=document.querySelector(\(Self.js(selector))); if(!e) return 'missing'; e.value=\(Self.js(text)); return 'ok';})()")
        guard found == "ok" else { throw Failure(description: "no field \(selector)") }
    }

    var location: String { get throws { try evaluate("location.href") } }
    var html: String { get throws { try evaluate("document.documentElement.outerHTML") } }

    // MARK: - Protocol

    static func js(_ text: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [text])) ?? Data("[\"\"]".utf8)
        return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
    }

    private func waitForLoad(leaving origin: String?) throws {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            usleep(50_000)
            guard let state = try? evaluate("document.readyState + ' ' + String(performance.timeOrigin)") else { continue }
            let parts = state.split(separator: " ")
            if parts.first == "complete", origin == nil || parts.last.map(String.init) != origin { return }
        }
        throw Failure(description: "page did not load")
    }

    /// One DevTools command and its result (also used by the layout tests' viewport and screenshots).
    func call(_ method: String, _ params: [String: Any]) throws -> [String: Any] {
        nextID += 1
        let id = nextID
        let message = try JSONSerialization.data(withJSONObject: ["id": id, "method": method, "params": params])
        try sendFrame(Array(message))
        while true {
            let text = try readFrame()
            guard let object = try JSONSerialization.jsonObject(with: Data(text)) as? [String: Any] else { continue }
            guard (object["id"] as? Int) == id else { continue }  // events and other answers
            if let error = object["error"] { throw Failure(description: "\(method): \(error)") }
            return object["result"] as? [String: Any] ?? [:]
        }
    }

    private func connect(port: UInt16, path: String) throws {
        guard let socket = RawConnection.connectLoopback(port: port, receiveTimeout: 30) else {
            throw Failure(description: "connect to DevTools")
        }
        fd = socket
        let key = Data((0..<16).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        try write(
            Array(
                "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: \(key)\r\nSec-WebSocket-Version: 13\r\n\r\n"
                    .utf8))
        while !(buffer.count >= 4
            && buffer.indices.dropLast(3).contains { buffer[$0] == 13 && buffer[$0 + 1] == 10 && buffer[$0 + 2] == 13 && buffer[$0 + 3] == 10 })
        {
            try fill()
        }
        let end = buffer.indices.dropLast(3).first { buffer[$0] == 13 && buffer[$0 + 1] == 10 && buffer[$0 + 2] == 13 && buffer[$0 + 3] == 10 }!
        let head = String(decoding: buffer[..<end], as: UTF8.self)
        buffer.removeFirst(end + 4)
        guard head.hasPrefix("HTTP/1.1 101") else { throw Failure(description: "WebSocket refused: \(head.prefix(80))") }
    }

    private func write(_ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBufferPointer { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw Failure(description: "send") }
            sent += n
        }
    }

    private func fill() throws {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let n = recv(fd, &chunk, chunk.count, 0)
        guard n > 0 else { throw Failure(description: "DevTools connection closed") }
        buffer.append(contentsOf: chunk[0..<n])
    }

    /// A masked text frame (clients must mask).
    private func sendFrame(_ payload: [UInt8]) throws {
        var frame: [UInt8] = [0x81]
        if payload.count < 126 {
            frame.append(0x80 | UInt8(payload.count))
        } else if payload.count < 65536 {
            frame += [0x80 | 126, UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)]
        } else {
            frame.append(0x80 | 127)
            for shift in stride(from: 56, through: 0, by: -8) { frame.append(UInt8((payload.count >> shift) & 0xFF)) }
        }
        let mask = (0..<4).map { _ in UInt8.random(in: 0...255) }
        frame += mask
        frame += payload.enumerated().map { $0.element ^ mask[$0.offset % 4] }
        try write(frame)
    }

    /// The payload of the next complete message (fragments joined; control frames skipped).
    private func readFrame() throws -> [UInt8] {
        var message: [UInt8] = []
        while true {
            while buffer.count < 2 { try fill() }
            let fin = buffer[0] & 0x80 != 0
            let opcode = buffer[0] & 0x0F
            var length = Int(buffer[1] & 0x7F)
            var offset = 2
            if length == 126 {
                while buffer.count < 4 { try fill() }
                length = Int(buffer[2]) << 8 | Int(buffer[3])
                offset = 4
            } else if length == 127 {
                while buffer.count < 10 { try fill() }
                length = (2..<10).reduce(0) { $0 << 8 | Int(buffer[$1]) }
                offset = 10
            }
            while buffer.count < offset + length { try fill() }
            let payload = Array(buffer[offset..<offset + length])
            buffer.removeFirst(offset + length)
            if opcode >= 0x8 { continue }  // ping/pong/close: not used here
            message += payload
            if fin { return message }
        }
    }
}
