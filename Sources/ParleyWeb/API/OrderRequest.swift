import Foundation
import ParleyCore
import ParleyServices
import ParleyStore

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
