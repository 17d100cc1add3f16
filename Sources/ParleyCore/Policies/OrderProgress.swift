/// Whether an event moves an order to a new stage. Platforms deliver webhooks late, twice and out of
/// order; an order only ever moves forward, so a late "paid" after "shipped" changes nothing.
///
/// Forward means along `accepted → paid → packed → shipped → out_for_delivery → delivered`.
/// `cancelled` ends an order that was not yet delivered; `refunded` may follow any stage after payment
/// (a return after delivery, a refund after cancelling); nothing follows `refunded`.
public enum OrderProgress {
    public enum Decision: Equatable, Sendable {
        /// The order enters `stage`.
        case advance(to: OrderStage)
        /// The event is history only: the order is already at or past it.
        case keep
    }

    public static func decide(current: OrderStage?, event: OrderStage) -> Decision {
        guard let current else { return .advance(to: event) }
        switch (current, event) {
        case (.refunded, _):
            return .keep
        case (_, .refunded):
            return current == .accepted ? .keep : .advance(to: .refunded)
        case (.cancelled, _):
            return .keep
        case (_, .cancelled):
            return current == .delivered ? .keep : .advance(to: .cancelled)
        default:
            return event > current ? .advance(to: event) : .keep
        }
    }
}
