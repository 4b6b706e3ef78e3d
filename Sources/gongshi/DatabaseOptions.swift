import ArgumentParser
import GongshiStore

/// `--db`, shared by every command that reads or writes the index.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: "索引数据库文件") var path = "data/gongshi.sqlite"

    /// The index for reading (the commands that only search, ask or serve).
    func openReadOnly() throws -> GongshiDatabase { try GongshiDatabase(path: path, readOnly: true) }
}
