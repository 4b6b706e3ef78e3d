/// /prefs: the reading preferences (large font, high contrast), kept in a cookie so the
/// toggles work without JavaScript.
struct PreferencesController {
    /// GET /prefs?font=large|normal&contrast=high|normal&back=/path — stores the preferences
    /// and goes back.
    func update(_ request: HTTPRequest) throws -> HTTPResponse {
        var preferences = Preferences(cookieHeader: request.headers["cookie"])
        switch request.query["font"] {
        case "large": preferences.largeFont = true
        case "normal": preferences.largeFont = false
        case nil: break
        default: throw HTTPProblem.badRequest("font 应为 large 或 normal。")
        }
        switch request.query["contrast"] {
        case "high": preferences.highContrast = true
        case "normal": preferences.highContrast = false
        case nil: break
        default: throw HTTPProblem.badRequest("contrast 应为 high 或 normal。")
        }
        return .redirect(URLBuilder.safeLocalPath(request.query["back"]), headers: [("Set-Cookie", preferences.setCookieHeader)])
    }
}
