import Foundation
import Mustache
import ParleyCore

/// What an order update says, before it is put into words.
public struct OrderMessageInput: Sendable {
    public var shop: Shop
    /// The shop's settings in clear (`brand.*`, `support.*`).
    public var settings: [String: String]
    public var customerName: String?
    public var customerLocale: String?
    public var order: Order
    public var items: [OrderItem]
    public var stage: OrderStage
    /// The signed public tracking page of the order.
    public var trackingPage: String?
    /// The shop's own texts for the stage, by language; the one of the language the customer is
    /// written to, once resolved, replaces Parley's default field by field.
    public var custom: [String: OrderMessageTexts]

    public init(
        shop: Shop, settings: [String: String], customerName: String?, customerLocale: String?, order: Order, items: [OrderItem],
        stage: OrderStage, trackingPage: String?, custom: [String: OrderMessageTexts] = [:]
    ) {
        self.shop = shop
        self.settings = settings
        self.customerName = customerName
        self.customerLocale = customerLocale
        self.order = order
        self.items = items
        self.stage = stage
        self.trackingPage = trackingPage
        self.custom = custom
    }
}
