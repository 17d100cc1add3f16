import Foundation
import ParleyCore
import ParleyStore

/// Asks the contact-pressure budget (`ContactPressure`) about a queued message just before it goes,
/// with the customer's history as it is at that moment.
///
/// Asking at send time, not at queue time, is what keeps the budget whole: two messages deferred to
/// the same morning are decided one after the other, and the second sees the first. What needs no
/// history reads nothing: an email about an order or a conversation always goes at once.
enum ContactGate {
    /// How long a conversation may sit without news and still hold marketing back.
    static let openConversationWindow: TimeInterval = 14 * 86400

    static func decide(_ message: OutboundMessage, shop: Shop, settings: [String: String], now: Date, on sql: DatabaseSession)
        async throws -> ContactPressure.Decision
    {
        // Staff testing a template get it at once, whatever the hour.
        guard !message.topic.hasPrefix("test."), let channel = message.channel else { return .send }
        let kind = ContactPressure.Kind(topic: message.topic)
        if kind != .marketing && channel == .email { return .send }
        guard let customer = try await CustomerRepository(sql).find(shop: shop.id, id: message.customerID) else { return .send }
        let budget = ContactPressure(settings: settings)
        let zone = ContactPressure.timeZone(customer: customer.timeZone, phone: customer.address(for: .sms), shop: shop.timeZone)
        var recipient = ContactPressure.Recipient(
            marketingConsent: Set(Channel.allCases.filter(customer.allowsMarketing(on:))), timeZone: zone)
        if kind == .marketing {
            recipient.sent = try await MessageRepository(sql).contactHistory(
                shop: shop.id, customerID: customer.id, since: budget.historyStart(before: now, in: zone))
            recipient.hasOpenSupportConversation = try await ConversationRepository(sql).hasOpen(
                shop: shop.id, customerID: customer.id, since: now - openConversationWindow)
            recipient.preferences = try await CustomerPreferencesRepository(sql).find(shop: shop.id, customerID: customer.id)
        }
        return budget.decide(
            ContactPressure.Message(
                channel: channel, kind: kind, expiresAt: message.expiresAt, topic: ContactPreferences.Topic(messageTopic: message.topic)),
            for: recipient, at: now)
    }
}
