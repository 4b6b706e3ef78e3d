import Foundation

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
        return LayoutModel(
            htmlClass: classes.joined(separator: " "), fontLarge: preferences.largeFont,
            contrastHigh: preferences.highContrast, back: URLBuilder.component(here),
            printLink: here.contains("?") ? here + "&print=1" : here + "?print=1", q: query)
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
}
