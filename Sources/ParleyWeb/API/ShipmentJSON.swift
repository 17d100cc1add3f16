import Foundation
import ParleyCore
import ParleyServices
import ParleyStore

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
