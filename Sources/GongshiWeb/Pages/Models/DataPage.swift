/// `/data/`: the files of this node's snapshot with their sizes and checksums.
struct DataPage: PageModel {
    static let template = "data"

    struct File: Encodable {
        let name: String
        let url: String
        /// 1.2 MB style.
        let bytes: String
        let sha256: String
        /// "1234 行" for the CSV exports.
        let rows: String?
        let description: String?
    }

    let generation: String
    let created: String
    let files: [File]
    let organizations: String
    let creditRecords: String
    let notices: String
    let policies: String
    let articles: String
    let total: String
    let manifestURL: String
    let checksumsURL: String
    let jsonURL: String
}
