import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import ParleyCore
import ParleyStore
import ParleyTestSupport
import Testing

@Suite("Shopify webhooks")
struct ShopifyWebhookTests {
    static let secret = "shpss_9c1e0f6b2d4a8e7f3b5c"

    @Test("a signed order goes through its stages; replays, late and forged deliveries change nothing", arguments: TestDatabase.available)
    func orderJourney(kind: TestDatabase) async throws {
        try await withApp(kind) { client, world, key in
            try await client.execute(
                uri: "/api/v1/shop", method: .patch, headers: .bearer(key),
                body: .init(json: "{\"shopify.webhook_secret\":\"\(Self.secret)\"}")
            ) { response in
                #expect(response.status == .ok)
                #expect((response.json["settings"] as? [String: String])?["shopify.webhook_secret"] == "…" + Self.secret.suffix(4))
            }
            #expect(try await Self.deliver(client, "orders/create", "orders-create", id: "a1") == "created")
            #expect(try await Self.deliver(client, "orders/create", "orders-create", id: "a1") == "replayed")
            #expect(try await Self.deliver(client, "fulfillments/create", "fulfillments-create", id: "c3") == "advanced")
            // Paid was delivered late, after the parcel left.
            #expect(try await Self.deliver(client, "orders/paid", "orders-paid", id: "b2") == "unchanged")
            #expect(try await Self.deliver(client, "fulfillments/update", "fulfillments-update-delivered", id: "d4") == "advanced")
            #expect(
                try await Self.deliver(client, "products/update", "orders-paid", id: "e5") == "ignored",
                "a topic about no order, checkout or customer")

            let forged = try Self.fixture("orders-create").replacingOccurrences(of: "249.99", with: "0.01")
            try await client.execute(
                uri: "/hooks/shopify/acme", method: .post,
                headers: Self.headers("orders/cancelled", id: "f6", body: try Self.fixture("orders-create")),
                body: .init(string: forged)
            ) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.contentType] == "application/problem+json")
            }

            let order = try #require(
                try await world.database.withConnection { sql in
                    try await OrderRepository(sql).find(shop: world.shop.id, externalID: "shopify:820982911946154508")
                })
            #expect(order.stage == .delivered && order.number == "#9999" && order.totalMinor == 24_999 && order.currency == "PLN")
            #expect(order.shipment?.carrier == "InPost" && order.shipment?.trackingNumber == "620000000000123456789012")
            #expect(order.shippingPostcode == "00-590", "the assistant takes it as proof the order is the customer's")
            let history = try await world.database.withConnection { sql in
                try await OrderRepository(sql).stageHistory(shop: world.shop.id, orderID: order.id)
            }
            #expect(history.map(\.stage) == [.accepted, .paid, .shipped, .delivered])
            #expect(history.map(\.applied) == [true, false, true, true])
            let customer = try #require(
                try await world.database.withConnection { sql in
                    try await CustomerRepository(sql).find(shop: world.shop.id, id: order.customerID)
                })
            #expect(customer.name == "Zofia Nowak" && customer.locale == "pl-PL")
            #expect(customer.identities.map(\.value) == ["zofia.nowak@example.pl", "+48601234567", "shopify:115310627314723954"])
        }
    }

    @Test(
        "a fulfillment for an order not yet seen asks Shopify to retry; no secret, a wrong one and no shop answer alike",
        arguments: TestDatabase.available)
    func notYet(kind: TestDatabase) async throws {
        try await withApp(kind) { client, _, key in
            var answers: [String] = []
            for (slug, secret) in [("acme", Self.secret), ("nobody", Self.secret), ("acme", "wrong-secret-1234")] {
                if secret != Self.secret {
                    try await client.execute(
                        uri: "/api/v1/shop", method: .patch, headers: .bearer(key),
                        body: .init(json: "{\"shopify.webhook_secret\":\"\(Self.secret)\"}")
                    ) { #expect($0.status == .ok) }
                }
                try await client.execute(
                    uri: "/hooks/shopify/\(slug)", method: .post,
                    headers: Self.headers("orders/create", id: "x", body: "{}", secret: secret),
                    body: .init(string: "{}")
                ) { response in
                    #expect(response.status == .unauthorized)
                    answers.append(response.json["detail"] as? String ?? "")
                }
            }
            // Whether a shop exists cannot be learned from the answer.
            #expect(Set(answers).count == 1 && answers[0].contains("shopify.webhook_secret"))
            let body = try Self.fixture("fulfillments-create")
            try await client.execute(
                uri: "/hooks/shopify/acme", method: .post, headers: Self.headers("fulfillments/create", id: "y", body: body),
                body: .init(string: body)
            ) { response in
                #expect(response.status == .conflict)
            }
        }
    }

    static func deliver(_ client: any TestClientProtocol, _ topic: String, _ fixture: String, id: String) async throws -> String? {
        let body = try Self.fixture(fixture)
        return try await client.execute(
            uri: "/hooks/shopify/acme", method: .post, headers: headers(topic, id: id, body: body), body: .init(string: body)
        ) { response in
            #expect(response.status == .ok, "\(topic): \(String(buffer: response.body))")
            return response.json["result"] as? String
        }
    }

    static func headers(_ topic: String, id: String, body: String, secret: String = secret) -> HTTPFields {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(body.utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return [
            .contentType: "application/json",
            HTTPField.Name("X-Shopify-Topic")!: topic,
            HTTPField.Name("X-Shopify-Hmac-Sha256")!: Data(mac).base64EncodedString(),
            HTTPField.Name("X-Shopify-Webhook-Id")!: id,
            HTTPField.Name("X-Shopify-Shop-Domain")!: "acme.myshopify.com",
        ]
    }

    static func fixture(_ name: String) throws -> String {
        try String(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/shopify/\(name).json"),
            encoding: .utf8)
    }
}
