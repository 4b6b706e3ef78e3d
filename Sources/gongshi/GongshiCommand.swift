import ArgumentParser

@main
struct GongshiCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gongshi",
        abstract: "公示：社会组织信息公开检索（索引、检索、样例数据生成）",
        subcommands: [
            IndexCommand.self, SearchCommand.self, ServeCommand.self, GenerateCommand.self, EvalSearchCommand.self, BenchCommand.self, AskCommand.self,
            EvalQACommand.self, TrainCommand.self, BenchQACommand.self, BenchAskCommand.self, BenchOrgsCommand.self, SamplePathsCommand.self, DeskCommand.self,
            UserCommand.self, SnapshotCommand.self, VerifySnapshotCommand.self,
        ]
    )
}
