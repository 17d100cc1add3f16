import Foundation
import ParleyCore
import ParleyStore

/// What the public tracking page of an order shows.
public struct TrackingPage: Sendable {
    public let shop: Shop
    public let order: Order
    public let items: [OrderItem]
    /// The stages the order went through, with their times, oldest first.
    public let stages: [OrderStageRecord]
    public let customerLocale: String?
    /// The customer's own time zone when known; the page shows times in it.
    public let customerTimeZone: String?
    /// The shop's settings a public page shows: its support contacts (`support.email`,
    /// `support.phone`) and its brand (`brand.color`, `brand.logo_url`).
    public let settings: [String: String]
}
