import Foundation
import GongshiStore

/// What every page's layout needs from the request: reading preferences (large font,
/// high contrast, print view), the current address for the preference links, and the
/// query for the search box in the header.
struct PageContext {
    var preferences: Preferences
    var printView: Bool
    /// Path and query of this page, for links that come back here.
    var here: String
    var query: String
    var status = 200

    init(_ request: HTTPRequest, query: String = "") {
        preferences = Preferences(cookieHeader: request.headers["cookie"])
        printView = request.query["print"] == "1"
        here = URLBuilder.here(request)
        self.query = query
    }

    /// What the layout template reads.
    var layout: LayoutModel {
        var classes: [String] = []
        if preferences.largeFont { classes.append("font-large") }
        if preferences.highContrast { classes.append("contrast-high") }
        if printView { classes.append("print-view") }
        let parts = here.split(separator: "?", maxSplits: 1).map(String.init)
        return LayoutModel(
            htmlClass: classes.joined(separator: " "), fontLarge: preferences.largeFont,
            contrastHigh: preferences.highContrast, back: URLBuilder.component(here),
            printLink: here.contains("?") ? here + "&print=1" : here + "?print=1", q: query,
            twinURL: status == 200 ? URLBuilder.twin(path: parts[0], query: parts.count > 1 ? parts[1] : "") : nil)
    }
}

/// The layout around every page: reading preferences, the links back here, and the query
/// in the header's search box.
struct LayoutModel: Encodable {
    let htmlClass: String
    let fontLarge: Bool
    let contrastHigh: Bool
    /// This page's address, percent-encoded, for the preference links to come back to.
    let back: String
    let printLink: String
    let q: String
    /// This page's JSON twin (the footer links it), when it has one.
    let twinURL: String?
}

/// Whose site this is, in the header and the footer of every page (`Corpus/site.yaml`);
/// an unset field is left out and shows nothing. Names start with `site_` so a page's own
/// keys (an organization's `name`, `address`) never stand in for a missing one.
struct SiteFooter: Encodable {
    let identity: SiteIdentity

    enum CodingKeys: String, CodingKey {
        case siteName, siteBody, siteRegion, siteCenter, siteAddress, sitePhone, siteHours, siteWeb, siteNote, siteContact, siteOwner
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        let i = identity
        try c.encode(i.name, forKey: .siteName)
        try c.encode(i.body, forKey: .siteBody)
        try c.encode(i.region, forKey: .siteRegion)
        try c.encode(i.center, forKey: .siteCenter)
        try c.encode(i.address, forKey: .siteAddress)
        try c.encode(i.phone, forKey: .sitePhone)
        try c.encode(i.hours, forKey: .siteHours)
        try c.encode(i.web, forKey: .siteWeb)
        try c.encode(i.note, forKey: .siteNote)
        // Whether the footer has a contact line, and one naming who runs the site.
        try c.encode(i.center != nil || i.address != nil || i.phone != nil || i.hours != nil, forKey: .siteContact)
        try c.encode(i.name != nil || i.body != nil || i.region != nil, forKey: .siteOwner)
    }
}

/// The consultation desk's public pages, linked from every page when this server offers
/// them: 常见问题 (`/faq`) whenever a desk is attached, 在线咨询 (`/consult`) when public
/// questions are open. Names start with `desk_` so no page key stands in for them.
struct PublicDeskLinks: Encodable, Sendable {
    var faq = false
    var consultation = false

    init(faq: Bool = false, consultation: Bool = false) {
        self.faq = faq
        self.consultation = consultation
    }

    enum CodingKeys: String, CodingKey {
        case deskFaq, deskConsult, deskLinks
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(faq, forKey: .deskFaq)
        try c.encode(consultation, forKey: .deskConsult)
        try c.encode(faq || consultation, forKey: .deskLinks)
    }
}
