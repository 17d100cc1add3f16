import Foundation
import ParleyCore
import ParleyServices
import ParleyStore

/// An order as the API shows it.
struct OrderResource: Encodable {
    struct ItemResource: Encodable {
        let sku: String?
        let name: String
        let quantity: Int
        let unitPriceMinor: Int64
    }
    struct StageResource: Encodable {
        let stage: String
        let occurredAt: Date
        /// False for an event that arrived after the order had moved past it.
        let applied: Bool
        let source: String
    }

    let id: String
    let externalID: String?
    let number: String
    let stage: String
    let customer: String
    let currency: String
    let totalMinor: Int64
    let placedAt: Date
    let shipment: ShipmentJSON?
    let items: [ItemResource]
    let history: [StageResource]
    let messages: [MessageResource]
    /// The signed public tracking page, for the shop's own messages.
    let trackingPage: String

    init(_ details: OrderDetails, trackingPage: String) {
        self.trackingPage = trackingPage
        let order = details.order
        id = order.publicID
        externalID = order.externalID
        number = order.number
        stage = order.stage.rawValue
        customer = details.customerPublicID
        currency = order.currency
        totalMinor = order.totalMinor
        placedAt = order.placedAt
        shipment = order.shipment.map(ShipmentJSON.init)
        items = details.items.map { ItemResource(sku: $0.sku, name: $0.name, quantity: $0.quantity, unitPriceMinor: $0.unitPriceMinor) }
        history = details.history.map {
            StageResource(stage: $0.stage.rawValue, occurredAt: $0.occurredAt, applied: $0.applied, source: $0.source)
        }
        messages = details.messages.map(MessageResource.init)
    }
}
