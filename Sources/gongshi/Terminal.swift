import Foundation

/// Output helpers: a progress bar when stderr is a terminal, plain lines otherwise.
enum Terminal {
    static let isInteractive = isatty(STDERR_FILENO) == 1

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static func progress(done: Int, total: Int, item: String) {
        if isInteractive {
            let width = 30
            let filled = total == 0 ? width : width * done / max(total, 1)
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            let line = "\r\(bar) \(done)/\(total) \(item.prefix(40))"
            FileHandle.standardError.write(Data((line + "\u{1B}[K").utf8))
            if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
        } else if !item.isEmpty {
            error("[\(done + 1)/\(total)] \(item)")
        }
    }
}

extension Terminal {
    /// A line read from the terminal without echo (echo restored afterwards); from a
    /// non-terminal standard input, the line as it is.
    static func readSecret(_ prompt: String) -> String {
        FileHandle.standardError.write(Data(prompt.utf8))
        var saved = termios()
        let isTTY = tcgetattr(STDIN_FILENO, &saved) == 0
        if isTTY {
            var quiet = saved
            quiet.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet)
        }
        let line = readLine(strippingNewline: true) ?? ""
        if isTTY {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        return line
    }
}
