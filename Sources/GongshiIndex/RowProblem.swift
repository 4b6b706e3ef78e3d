/// Why one row (or one file) was rejected: reported as `file:line: field: why`.
public struct RowProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let field: String
    public let why: String

    public init(file: String, line: Int, field: String, why: String) {
        self.file = file
        self.line = line
        self.field = field
        self.why = why
    }

    public var description: String { "\(file):\(line): \(field): \(why)" }
}
