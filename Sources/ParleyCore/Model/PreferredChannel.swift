import Foundation

/// Which channel a customer wants to hear from the shop on.
public enum PreferredChannel: String, Sendable, CaseIterable, Codable {
    case email
    case sms
    case both
}
