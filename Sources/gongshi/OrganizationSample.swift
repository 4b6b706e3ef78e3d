import GongshiStore

/// Random organizations of an index, for the benchmarks: `count` codes and, drawn
/// separately, `count` names.
enum OrganizationSample {
    static func draw(from database: GongshiDatabase, count: Int) throws -> (codes: [String], names: [String]) {
        try database.read { db in
            (
                try String.fetchAll(db, sql: "SELECT code FROM org ORDER BY random() LIMIT ?", arguments: [count]),
                try String.fetchAll(db, sql: "SELECT name FROM org ORDER BY random() LIMIT ?", arguments: [count])
            )
        }
    }
}
