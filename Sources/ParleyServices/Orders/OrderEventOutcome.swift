import Foundation
import ParleyCore
import ParleyMail
import ParleyStore

/// What an order event did.
public enum OrderEventOutcome: Sendable, Equatable {
    /// The order was new.
    case created(Order)
    /// The order moved to a new stage.
    case advanced(Order, from: OrderStage)
    /// The event was history only (late, repeated, or details without a new stage).
    case unchanged(Order)
    /// The platform delivered this event before; nothing was done.
    case replayed
}
