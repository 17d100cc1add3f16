import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import ParleyCore
import ParleyServices
import ParleyStore
import ParleyTestSupport
import Testing

/// `POST /api/v1/customer-events` as a shop's integration uses it: batches that name customers by
/// identity, retried safely, refused whole with the event and field to fix.
@Suite("Customer events API")
struct CustomerEventsAPITests {
    static let batch = #"""
        {"events":[
         {"id":"ev-1","customer":{"email":"Ola@Example.pl"},"type":"product","product_id":"KUB-01","name":"Kubek zielony",
          "price":"49.00","currency":"pln","occurred_at":"2026-11-18T10:00:00Z"},
         {"id":"ev-2","customer":{"email":"ola@example.pl"},"type":"search","query":"czajnik elektryczny"},
         {"id":"ev-3","customer":{"phone":"+30 691 234 5678"},"type":"checkout","checkout_id":"c-77",
          "url":"https://kubki.example/checkouts/c-77","items":[{"id":"KUB-01","name":"Kubek zielony","quantity":2,"price":"49.00"}],
          "total":"98.00","currency":"EUR"}
        ]}
        """#

    @Test(
        "a batch is stored once per event id, for customers found or made by identity; a checkout shows on the timeline",
        arguments: TestDatabase.available)
    func stored(kind: TestDatabase) async throws {
        try await withApp(kind) { client, world, key in
            for (accepted, duplicates) in [(3, 0), (0, 3)] {
                try await client.execute(
                    uri: "/api/v1/customer-events", method: .post, headers: .bearer(key), body: .init(json: Self.batch)
                ) {
                    #expect($0.status == .ok)
                    #expect($0.json["accepted"] as? Int == accepted && $0.json["duplicates"] as? Int == duplicates)
                }
            }
            let customers = try await ReadCustomers(database: world.database).list(shop: world.shop.id, cursor: nil, limit: 10).items
            #expect(customers.count == 2, "Ola by email twice, the Greek buyer by phone")
            let ola = try #require(customers.first { $0.address(for: .email) == "ola@example.pl" })
            let seen = try await world.database.withConnection { sql in
                try await CustomerEventRepository(sql).recent(shop: world.shop.id, customerID: ola.id, limit: 10)
            }
            #expect(seen.map(\.kind) == [.search, .product])
            #expect(seen.first?.title == "czajnik elektryczny" && seen.last?.productID == "KUB-01" && seen.last?.details.currency == "PLN")
            #expect(seen.allSatisfy { $0.source == "api" && $0.visitorID == nil })
            let buyer = try #require(customers.first { $0.address(for: .sms) == "+306912345678" })
            try await client.execute(uri: "/api/v1/customers/\(buyer.publicID)/timeline", method: .get, headers: .bearer(key)) { response in
                let kinds = (response.json["data"] as? [[String: Any]])?.compactMap { $0["kind"] as? String }
                #expect(kinds?.first == "checkout.started")
            }
            let other = try await world.otherShop()
            let theirs = try await ReadCustomers(database: world.database).list(shop: other.id, cursor: nil, limit: 10).items
            #expect(theirs.isEmpty)
        }
    }

    @Test(
        "a batch with one unusable event is refused whole, naming it; too many events, or nobody named, are refused too",
        arguments: TestDatabase.available)
    func refused(kind: TestDatabase) async throws {
        try await withApp(kind) { client, world, key in
            let cases: [(String, String)] = [
                (
                    #"{"events":[{"customer":{"email":"a@example.pl"},"type":"page","url":"https://kubki.example/"},{"customer":{"email":"a@example.pl"},"type":"wishlist"}]}"#,
                    "events[1].type"
                ),
                (#"{"events":[{"customer":{"email":"a@example.pl"},"type":"page","url":"javascript:alert(1)"}]}"#, "events[0]"),
                (#"{"events":[{"customer":{},"type":"search","query":"kubek"}]}"#, "events[0].customer"),
                (#"{"events":[{"customer":{"email":"not an address"},"type":"search","query":"kubek"}]}"#, "events[0].customer.email"),
                (#"{"events":[{"customer":{"id":"cus_nobody"},"type":"search","query":"kubek"}]}"#, ""),
                (#"{"events":[]}"#, "events"),
                (
                    #"{"events":["#
                        + Array(repeating: #"{"customer":{"email":"a@example.pl"},"type":"search","query":"x"}"#, count: 101)
                        .joined(separator: ",") + "]}", "events"
                ),
            ]
            for (body, field) in cases {
                try await client.execute(uri: "/api/v1/customer-events", method: .post, headers: .bearer(key), body: .init(json: body)) {
                    response in
                    if field.isEmpty {
                        #expect(response.status == .notFound)
                    } else {
                        #expect(response.status == .unprocessableContent, "\(body.prefix(120))")
                        #expect(response.json["field"] as? String == field)
                    }
                    #expect(response.headers[.contentType] == "application/problem+json")
                }
            }
            let customers = try await ReadCustomers(database: world.database).list(shop: world.shop.id, cursor: nil, limit: 10).items
            #expect(customers.isEmpty, "nothing of a refused batch is kept")
        }
    }
}
