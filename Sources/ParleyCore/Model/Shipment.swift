import Foundation

/// The parcel on its way: who carries it and where the customer follows it.
public struct Shipment: Sendable, Equatable {
    public var carrier: String?
    public var trackingNumber: String?
    public var trackingURL: String?
    public var expectedDeliveryAt: Date?

    public init(carrier: String?, trackingNumber: String?, trackingURL: String?, expectedDeliveryAt: Date? = nil) {
        self.carrier = carrier
        self.trackingNumber = trackingNumber
        self.trackingURL = trackingURL
        self.expectedDeliveryAt = expectedDeliveryAt
    }
}
