import Foundation
import ParleyCore

/// One entry of an order's stage history, kept whether or not it moved the order.
public struct OrderStageRecord: Sendable, Equatable {
    public let stage: OrderStage
    public let occurredAt: Date
    /// False for a late event that arrived after the order had moved past it.
    public let applied: Bool
    public let source: String
    public let shipment: Shipment?
}
