import Foundation

/// Where a conversation stands in the agents' inbox.
///
/// `open` waits for the shop, `pending` waits for the customer, `snoozed` comes back at a set time,
/// `resolved` is done until the customer writes again.
public enum ConversationStatus: String, Sendable, Codable, CaseIterable {
    case open, pending, snoozed, resolved
}
