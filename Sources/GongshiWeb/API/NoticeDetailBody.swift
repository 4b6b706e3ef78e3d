import GongshiDisclosure

/// /api/notices/{id}: one notice with the organizations it concerns, and the addresses.
struct NoticeDetailBody: Encodable, Sendable {
    let id: String
    let title: String
    let kind: String
    let issuer: String
    let date: String
    let body: String
    let organizations: [Linked<NoticeDetail.Organization>]
    let url: String

    init(_ notice: NoticeDetail) {
        id = notice.id
        title = notice.title
        kind = notice.kind
        issuer = notice.issuer
        date = notice.date
        body = notice.body
        organizations = notice.organizations.map { Linked($0, url: URLBuilder.path(.organization(code: $0.code))) }
        url = URLBuilder.path(.notice(id: notice.id))
    }
}
