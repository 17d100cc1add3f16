import Foundation
import ParleyCore
import ParleyServices
import ParleyStore

/// The body of `POST /api/v1/orders/{id}/events`.
struct OrderEventRequest: Decodable {
    let stage: String
    let occurredAt: Date?
    /// The sender's id of this event: a second event with the same id changes nothing.
    let eventID: String?
    let shipment: ShipmentJSON?
}
