import Foundation
import ParleyServices

/// The body of `POST /api/v1/customer-events`: a batch of events, each naming its customer.
struct CustomerEventsRequest: Decodable {
    struct CustomerBody: Decodable {
        let id: String?
        let email: String?
        let phone: String?
        let externalID: String?
    }

    struct Item: Decodable {
        let id: String?
        let customer: CustomerBody?
        let type: String
        let occurredAt: String?
        let url: String?
        let title: String?
        let productID: String?
        let name: String?
        let price: String?
        let currency: String?
        let image: String?
        let items: [CustomerEventInput.Item]?
        let total: String?
        let query: String?
        let checkoutID: String?
    }

    let events: [Item]

    var posted: [RecordCustomerActivity.Posted] {
        events.map { item in
            RecordCustomerActivity.Posted(
                eventID: item.id,
                customer: .init(
                    id: item.customer?.id, email: item.customer?.email, phone: item.customer?.phone, externalID: item.customer?.externalID),
                event: CustomerEventInput(
                    type: item.type, at: item.occurredAt, url: item.url, title: item.title, id: item.productID, name: item.name,
                    price: item.price, currency: item.currency, image: item.image, items: item.items, total: item.total, query: item.query,
                    checkout: item.checkoutID))
        }
    }
}
