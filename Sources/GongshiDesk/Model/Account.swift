/// A staff or admin account of the desk.
public struct Account: Sendable, Equatable, Codable {
    public enum Role: String, Sendable, Codable, CaseIterable {
        case staff, admin

        public var label: String { self == .admin ? "管理员" : "工作人员" }
    }

    public var id: Int64
    public var name: String
    public var role: Role
    public var disabled: Bool

    public var isAdmin: Bool { role == .admin }
}
