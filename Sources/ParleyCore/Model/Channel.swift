import Foundation

/// A channel a shop can reach a customer on outside a conversation the customer started.
public enum Channel: String, Sendable, CaseIterable, Codable {
    case email
    case sms
}
