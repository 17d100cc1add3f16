import Foundation
import ParleyCore
import ParleyStore

/// An order with everything shown beside it: the buyer, the items and every stage event.
public struct OrderDetails: Sendable, Equatable {
    public let shop: Shop
    public let order: Order
    public let customerPublicID: String
    public let items: [OrderItem]
    public let history: [OrderStageRecord]
    /// Every message about the order, with its delivery state; `unreachable` ones say why nothing went out.
    public let messages: [OutboundMessage]
}
