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

/// The parcel details, as the API reads and writes them.
struct ShipmentJSON: Codable {
    let carrier: String?
    let trackingNumber: String?
    let trackingURL: String?
    let expectedDeliveryAt: Date?

    init(_ shipment: Shipment) {
        carrier = shipment.carrier
        trackingNumber = shipment.trackingNumber
        trackingURL = shipment.trackingURL
        expectedDeliveryAt = shipment.expectedDeliveryAt
    }

    var shipment: Shipment {
        Shipment(carrier: carrier, trackingNumber: trackingNumber, trackingURL: trackingURL, expectedDeliveryAt: expectedDeliveryAt)
    }
}

/// The body of `POST /api/v1/orders`. Amounts are decimal strings in the currency (`"249.99"`).
struct OrderRequest: Decodable {
    struct CustomerBody: Decodable {
        let email: String?
        let phone: String?
        let name: String?
        let locale: String?
        let externalID: String?
    }
    struct ItemBody: Decodable {
        let sku: String?
        let name: String
        let quantity: Int
        let unitPrice: String
    }

    let externalID: String?
    let number: String
    let stage: String?
    let placedAt: Date?
    let currency: String
    let total: String
    let customer: CustomerBody
    let items: [ItemBody]?
    let shipment: ShipmentJSON?
    let shippingPostcode: String?

    func event(now: Date) throws -> OrderEvent {
        let code = currency.uppercased()
        guard let totalMinor = Currency.minorUnits(total, code: code) else {
            throw InvalidInput(field: "total", reason: "write the amount as a decimal string such as \"249.99\"")
        }
        return OrderEvent(
            source: "api", eventID: nil, externalOrderID: externalID.map { "api:\($0)" } ?? OpaqueToken.make(prefix: "api:"),
            number: number, stage: try stage.map { try APIJSON.parse(OrderStage.self, $0, field: "stage") } ?? .accepted,
            occurredAt: placedAt ?? now,
            customer: OrderCustomer(
                email: customer.email, phone: customer.phone, externalID: customer.externalID, name: customer.name, locale: customer.locale),
            currency: code, totalMinor: totalMinor,
            items: try (items ?? []).enumerated().map { index, item in
                guard let price = Currency.minorUnits(item.unitPrice, code: code) else {
                    throw InvalidInput(
                        field: "items[\(index)].unit_price", reason: "write the amount as a decimal string such as \"124.99\"")
                }
                return OrderItem(sku: item.sku, name: item.name, quantity: item.quantity, unitPriceMinor: price)
            },
            shipment: shipment?.shipment, shippingPostcode: shippingPostcode)
    }
}

/// The body of `POST /api/v1/orders/{id}/events`.
struct OrderEventRequest: Decodable {
    let stage: String
    let occurredAt: Date?
    /// The sender's id of this event: a second event with the same id changes nothing.
    let eventID: String?
    let shipment: ShipmentJSON?
}
