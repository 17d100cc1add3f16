import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ParleyCore
import ParleyServices
import ParleyStore
import ParleyTestSupport
import Testing

/// Shopify's checkout webhooks become what an abandoned-cart reminder starts from: the buyer with
/// the marketing consent the checkout gave, and the cart as one event per change.
@Suite("Shopify checkouts")
struct ShopifyCheckoutTests {
    @Test(
        "a checkout is stored once per change for its buyer, with the consent given there; a completed one is left to its order",
        arguments: TestDatabase.available)
    func checkouts(kind: TestDatabase) async throws {
        try await withApp(kind) { client, world, key in
            try await client.execute(
                uri: "/api/v1/shop", method: .patch, headers: .bearer(key),
                body: .init(json: "{\"shopify.webhook_secret\":\"\(ShopifyWebhookTests.secret)\"}")
            ) { #expect($0.status == .ok) }
            #expect(try await ShopifyWebhookTests.deliver(client, "checkouts/create", "checkouts-create", id: "k1") == "checkout")
            // Shopify retries with another delivery id when unsure; the same snapshot is stored once.
            #expect(try await ShopifyWebhookTests.deliver(client, "checkouts/update", "checkouts-create", id: "k2") == "checkout")
            let changed = try ShopifyWebhookTests.fixture("checkouts-create")
                .replacingOccurrences(of: "\"quantity\": 2", with: "\"quantity\": 3")
                .replacingOccurrences(of: "2026-11-20T10:02:44+01:00", with: "2026-11-20T10:05:00+01:00")
            try await client.execute(
                uri: "/hooks/shopify/acme", method: .post,
                headers: ShopifyWebhookTests.headers("checkouts/update", id: "k3", body: changed),
                body: .init(string: changed)
            ) { #expect($0.json["result"] as? String == "checkout") }
            let completed = try ShopifyWebhookTests.fixture("checkouts-create")
                .replacingOccurrences(of: "\"completed_at\": null", with: "\"completed_at\": \"2026-11-20T10:09:00+01:00\"")
            try await client.execute(
                uri: "/hooks/shopify/acme", method: .post,
                headers: ShopifyWebhookTests.headers("checkouts/update", id: "k4", body: completed),
                body: .init(string: completed)
            ) { #expect($0.json["result"] as? String == "ignored") }

            let customers = try await ReadCustomers(database: world.database).list(shop: world.shop.id, cursor: nil, limit: 10).items
            let zofia = try #require(customers.first)
            #expect(customers.count == 1 && zofia.name == "Zofia Nowak" && zofia.locale == "pl-PL")
            #expect(zofia.identities.contains(Identity(kind: .external, value: "shopify:7012345")))
            #expect(zofia.allowsMarketing(on: .email) && zofia.consents.first?.source == "shopify checkout")
            let events = try await world.database.withConnection { sql in
                try await CustomerEventRepository(sql).recent(shop: world.shop.id, customerID: zofia.id, limit: 10)
            }
            #expect(events.map(\.kind) == [.checkout, .checkout])
            #expect(events.map { $0.details.items?.first?.quantity } == [3, 2])
            let latest = try #require(events.first)
            #expect(latest.source == "shopify" && latest.details.checkoutID == "9b8a7c6d5e4f3a2b1c0d9e8f7a6b5c4d")
            #expect(latest.details.total == "98.00" && latest.details.currency == "PLN" && latest.details.items?.first?.id == "KUB-01")
            #expect(latest.url?.hasPrefix("https://kubki.myshopify.com/") == true)
        }
    }

    @Test(
        "a Shopify account brings its customer with the consent Shopify holds; an unsubscribe there ends marketing here",
        arguments: TestDatabase.available)
    func customers(kind: TestDatabase) async throws {
        try await withApp(kind) { client, world, key in
            try await client.execute(
                uri: "/api/v1/shop", method: .patch, headers: .bearer(key),
                body: .init(json: "{\"shopify.webhook_secret\":\"\(ShopifyWebhookTests.secret)\"}")
            ) { #expect($0.status == .ok) }
            #expect(try await ShopifyWebhookTests.deliver(client, "customers/create", "customers-create", id: "u1") == "customer")
            #expect(try await ShopifyWebhookTests.deliver(client, "customers/update", "customers-create", id: "u2") == "customer")
            let read = ReadCustomers(database: world.database)
            var eleni = try #require(try await read.list(shop: world.shop.id, cursor: nil, limit: 10).items.first)
            #expect(eleni.name == "Ελένη Παπαδοπούλου" && eleni.identities.contains(Identity(kind: .external, value: "shopify:7012346")))
            #expect(eleni.allowsMarketing(on: .email) && eleni.consents.count == 1 && eleni.consents.first?.source == "shopify")
            #expect(!eleni.allowsMarketing(on: .sms), "not_subscribed decides nothing")

            let unsubscribed =
                #"{"customer_id":7012346,"email_address":"eleni.papadopoulou@example.gr","email_marketing_consent":{"state":"unsubscribed","opt_in_level":"single_opt_in","consent_updated_at":"2026-11-25T09:00:00+01:00"}}"#
            try await client.execute(
                uri: "/hooks/shopify/acme", method: .post,
                headers: ShopifyWebhookTests.headers("customers_email_marketing_consent/update", id: "u3", body: unsubscribed),
                body: .init(string: unsubscribed)
            ) { #expect($0.json["result"] as? String == "customer") }
            eleni = try #require(try await read.list(shop: world.shop.id, cursor: nil, limit: 10).items.first)
            #expect(!eleni.allowsMarketing(on: .email) && eleni.consent(.email, for: .marketing) == .revoked)
            #expect(try await read.list(shop: world.shop.id, cursor: nil, limit: 10).items.count == 1)
        }
    }
}
