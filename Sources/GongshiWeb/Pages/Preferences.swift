import Foundation

/// Reading preferences kept in a cookie, so the large-font and high-contrast modes persist
/// across pages and visits without JavaScript.
struct Preferences: Equatable {
    static let cookieName = "gongshi_prefs"

    var largeFont = false
    var highContrast = false

    init(largeFont: Bool = false, highContrast: Bool = false) {
        self.largeFont = largeFont
        self.highContrast = highContrast
    }

    /// Reads `gongshi_prefs=font-large.contrast-high` from a Cookie header; anything else is ignored.
    init(cookieHeader: String?) {
        guard let cookieHeader, cookieHeader.utf8.count <= 8192 else { return }
        for part in cookieHeader.split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0] == Self.cookieName else { continue }
            let flags = Set(pair[1].split(separator: ".").map(String.init))
            largeFont = flags.contains("font-large")
            highContrast = flags.contains("contrast-high")
        }
    }

    var cookieValue: String {
        var flags: [String] = []
        if largeFont { flags.append("font-large") }
        if highContrast { flags.append("contrast-high") }
        return flags.isEmpty ? "none" : flags.joined(separator: ".")
    }

    var setCookieHeader: String {
        "\(Self.cookieName)=\(cookieValue); Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly"
    }
}
