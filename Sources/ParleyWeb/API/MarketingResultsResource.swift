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
    /// Emails a person opened (a person's click counts as an open).
    let opened: Int
    /// Emails opened only by a machine, such as a mail provider's privacy proxy: perhaps read.
    let openedByMachine: Int
    /// Emails in which a person followed a link.
    let clicked: Int
    /// Emails their recipient marked as spam.
    let complained: Int
    /// The links people followed, most followed first.
    let links: [Link]

    struct Link: Encodable {
        let url: String
        let messages: Int
    }

    init(_ results: MarketingResults) {
        messages = results.messages
        orders = results.orders
        revenueMinor = results.revenue
        unsubscribed = results.unsubscribed
        opened = results.opened
        openedByMachine = results.openedByMachine
        clicked = results.clicked
        complained = results.complained
        links = results.links.map { Link(url: $0.url, messages: $0.messages) }
    }
}
