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

/// Shopify signs a webhook's body, not its topic: a captured, correctly signed delivery re-sent under
/// another topic and a new webhook id must change nothing, and the shop's audit log must show it.

@Suite("Shopify webhooks: the topic must agree with the signed body")
struct ShopifyWebhookAgreementTests {
    @Test(
        "a captured body re-sent under another topic is refused and recorded; a real cancellation is taken",
        arguments: TestDatabase.available)
    func repurposed(kind: TestDatabase) async throws {
        try await withApp(kind) { client, world, key in
            try await client.execute(
                uri: "/api/v1/shop", method: .patch, headers: .bearer(key),
                body: .init(json: "{\"shopify.webhook_secret\":\"\(ShopifyWebhookTests.secret)\"}")
            ) { #expect($0.status == .ok) }
            #expect(try await ShopifyWebhookTests.deliver(client, "orders/create", "orders-create", id: "a1") == "created")
            #expect(try await ShopifyWebhookTests.deliver(client, "fulfillments/create", "fulfillments-create", id: "c3") == "advanced")

            let attempts: [(topic: String, fixture: String, reason: String)] = [
                ("orders/cancelled", "orders-create", "cancelled_at is null"),
                ("orders/paid", "orders-create", "financial_status is pending"),
                ("orders/create", "fulfillments-create", "not an order"),
                ("fulfillments/update", "orders-paid", "not a fulfillment"),
                ("refunds/create", "fulfillments-update-delivered", "not a refund"),
            ]
            for (index, attempt) in attempts.enumerated() {
                let body = try ShopifyWebhookTests.fixture(attempt.fixture)
                try await client.execute(
                    uri: "/hooks/shopify/acme", method: .post,
                    headers: ShopifyWebhookTests.headers(attempt.topic, id: "replay-\(index)", body: body), body: .init(string: body)
                ) { response in
                    #expect(response.status == .unprocessableContent, "\(attempt.topic)")
                    #expect((response.json["detail"] as? String)?.contains(attempt.reason) == true, "\(response.json)")
                }
            }
            let order = try #require(
                try await world.database.withConnection { sql in
                    try await OrderRepository(sql).find(shop: world.shop.id, externalID: "shopify:820982911946154508")
                })
            #expect(order.stage == .shipped)
            let queued = try await JobQueue(database: world.database).list(shop: world.shop.id, status: .queued)
            #expect(queued.filter { $0.kind == "order.notify" }.count == 2, "accepted and shipped only; no cancellation was announced")

            let log = try await AuditLog(database: world.database, clock: world.clock).list(shop: world.shop.id, cursor: nil, limit: 50)
            let refusals = log.items.filter { $0.action == "webhook.refused" }
            #expect(refusals.map(\.target) == attempts.reversed().map(\.topic))
            #expect(
                refusals.allSatisfy { $0.actor.kind == .webhook && $0.actor.name == "shopify" && $0.detail["body_sha256"]?.count == 64 })
            #expect(refusals.last?.detail["delivery"] == "replay-0")

            // A delivery signed with the shop's secret but naming another Shopify store (one secret
            // reused for two stores) is refused once the shop says which store is its own.
            try await client.execute(
                uri: "/api/v1/shop", method: .patch, headers: .bearer(key),
                body: .init(json: #"{"shopify.shop_domain":"Acme.myshopify.com"}"#)
            ) { #expect($0.status == .ok) }
            let foreign = try ShopifyWebhookTests.fixture("fulfillments-update-delivered")
            var headers = ShopifyWebhookTests.headers("fulfillments/update", id: "h8", body: foreign)
            headers[HTTPField.Name("X-Shopify-Shop-Domain")!] = "other-store.myshopify.com"
            try await client.execute(uri: "/hooks/shopify/acme", method: .post, headers: headers, body: .init(string: foreign)) {
                response in
                #expect(response.status == .unprocessableContent)
                #expect((response.json["detail"] as? String)?.contains("names other-store.myshopify.com") == true)
            }

            // What Shopify really sends when the order is cancelled: the order with cancelled_at set.
            let cancelled = try ShopifyWebhookTests.fixture("orders-create").replacingOccurrences(
                of: "\"cancelled_at\": null", with: "\"cancelled_at\": \"2026-11-21T12:00:00+01:00\"")
            #expect(cancelled.contains("2026-11-21T12:00:00"))
            try await client.execute(
                uri: "/hooks/shopify/acme", method: .post,
                headers: ShopifyWebhookTests.headers("orders/cancelled", id: "g7", body: cancelled),
                body: .init(string: cancelled)
            ) { response in
                #expect(response.status == .ok && response.json["result"] as? String == "advanced")
            }
        }
    }
}
