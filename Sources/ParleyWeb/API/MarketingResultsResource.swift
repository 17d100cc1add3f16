import Foundation
import ParleyCore

/// What a flow's or a campaign's emails achieved, as the API shows it.
struct MarketingResultsResource: Encodable {
    /// Messages by status now.
    let messages: [String: Int]
    /// Orders placed within five days after an email to their customer.
    let orders: Int
    /// Those orders' totals in minor units, by currency, as `total_minor` in the orders API.
    let revenueMinor: [String: Int64]
    let unsubscribed: Int

    init(_ results: MarketingResults) {
        messages = results.messages
        orders = results.orders
        revenueMinor = results.revenue
        unsubscribed = results.unsubscribed
    }
}
