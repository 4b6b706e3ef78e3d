import Foundation

/// One consultation: a question received by phone, at the window, online or by letter.
/// `enquirerName` and `enquirerContact` are personal data: staff pages only, never in
/// public pages, exports, FAQ or logs.
public struct Consultation: Sendable, Codable {
    public enum Channel: String, Sendable, Codable, CaseIterable {
        case phone = "电话", window = "窗口", online = "网上", letter = "信函"
    }

    public enum Status: String, Sendable, Codable, CaseIterable {
        case pending = "待答复", answered = "已答复", followUp = "需跟进", closed = "已办结"

        /// Still someone's work.
        public var isOpen: Bool { self != .closed }
    }

    public var id: Int64
    public var channel: Channel
    public var receivedAt: Date
    public var question: String
    public var enquirerName: String
    public var enquirerContact: String
    public var organizationCode: String
    public var organizationName: String
    public var tags: [String]
    public var status: Status
    public var assigneeID: Int64?
    public var assigneeName: String?
    /// For questions submitted on /consult: the number the citizen looks the reply up with.
    public var receipt: String?
    /// Staff marked the reply fit to show at /consult/{receipt}.
    public var publishable: Bool
    public var reply: String
    public var repliedAt: Date?
    public var updatedAt: Date
    public var citations: [Citation]
    public var publishedAsFAQ: Bool
}

/// What staff enter at intake.
public struct ConsultationDraft: Sendable {
    public var channel: Consultation.Channel
    public var receivedAt: Date
    public var question: String
    public var enquirerName = ""
    public var enquirerContact = ""
    public var organizationCode = ""
    public var organizationName = ""
    public var tags: [String] = []
    public var assigneeID: Int64?

    public init(channel: Consultation.Channel, receivedAt: Date, question: String) {
        self.channel = channel
        self.receivedAt = receivedAt
        self.question = question
    }
}
