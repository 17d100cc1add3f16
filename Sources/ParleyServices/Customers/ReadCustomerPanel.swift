import Foundation
import ParleyCore
import ParleyStore

/// Everything the agent sees beside a conversation about its customer, so that nobody has to ask
/// the customer again.
public struct CustomerPanel: Sendable {
    public let customer: Customer
    public let orders: [Order]
    /// The customer's other conversations, most recent first.
    public let conversations: [ConversationSummary]
    /// The latest timeline events, newest first.
    public let timeline: [TimelineEvent]
    /// What they looked at on the shop's pages lately, when they consented to it being recorded.
    public let browsing: RecentBrowsing
    /// The names of the messenger channels the customer wrote on, by the prefix of their identity
    /// there (`chn_…:`), so a sender shows as "WhatsApp: 48601234567".
    public let channelNames: [String: String]
    /// Messages the contact-pressure budget holds back, with until when and why.
    public let held: [OutboundMessage]
}

/// Reads the customer panel of the agent application.
public struct ReadCustomerPanel: Sendable {
    private let database: ParleyDatabase

    public init(database: ParleyDatabase) { self.database = database }

    /// The panel of customer `publicID`, leaving out conversation `except` (the one open beside it).
    public func callAsFunction(shop: ShopID, customer publicID: String, except: String? = nil) async throws -> CustomerPanel {
        try await database.withConnection { sql in
            guard let customer = try await CustomerRepository(sql).find(shop: shop, publicID: publicID) else {
                throw CustomerError.customerNotFound(publicID)
            }
            let events = CustomerEventRepository(sql)
            let browsing = RecentBrowsing(
                views: try await events.recent(shop: shop, customerID: customer.id, kinds: [.page, .product], limit: 100),
                cart: try await events.recent(shop: shop, customerID: customer.id, kinds: [.cart], limit: 1).first)
            let conversations = try await ConversationRepository(sql).list(
                shop: shop, filter: ConversationFilter(customerID: customer.id), after: nil, limit: 20)
            var channelNames: [String: String] = [:]
            if customer.identities.contains(where: { $0.kind == .external && $0.value.hasPrefix("chn_") }) {
                for channel in try await ApiChannelRepository(sql).list(shop: shop) {
                    channelNames[channel.identity(of: "")] = channel.name
                }
            }
            return CustomerPanel(
                customer: customer,
                orders: try await OrderRepository(sql).list(shop: shop, customerID: customer.id),
                conversations: conversations.filter { $0.conversation.publicID != except },
                timeline: try await TimelineRepository(sql).list(shop: shop, customerID: customer.id, before: nil, limit: 10),
                browsing: browsing, channelNames: channelNames,
                held: try await MessageRepository(sql).held(shop: shop, customerID: customer.id, limit: 10))
        }
    }
}
