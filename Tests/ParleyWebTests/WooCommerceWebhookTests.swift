import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ParleyCore
import ParleyServices
import ParleyStore
import ParleyTestSupport
import Testing

@Suite("WooCommerce webhooks")
struct WooCommerceWebhookTests {
    static let secret = "wc-secret-4f1b9e2a7c"

    @Test(
        "a signed order is paid, then completed with tracking; the ping, replays and forgeries change nothing",
        arguments: TestDatabase.available)
    func orderJourney(kind: TestDatabase) async throws {
        try await withApp(kind) { client, world, key in
            try await client.execute(
                uri: "/api/v1/shop", method: .patch, headers: .bearer(key),
                body: .init(json: "{\"woocommerce.webhook_secret\":\"\(Self.secret)\"}")
            ) { #expect($0.status == .ok) }
            #expect(try await Self.deliver(client, "webhook_id=42", topic: "action.woocommerce_webhook_ping", delivery: "p") == "ignored")
            let processing = try Self.fixture("order-processing")
            #expect(try await Self.deliver(client, processing, topic: "order.created", delivery: "1") == "created")
            #expect(try await Self.deliver(client, processing, topic: "order.created", delivery: "1") == "replayed")
            #expect(try await Self.deliver(client, processing, topic: "order.updated", delivery: "2") == "unchanged")
            #expect(
                try await Self.deliver(client, try Self.fixture("order-completed"), topic: "order.updated", delivery: "3") == "advanced")

            var forged = Self.headers(processing, topic: "order.updated", delivery: "4")
            forged[HTTPField.Name("X-WC-Webhook-Signature")!] = "c2lnbmVkIGJ5IHNvbWVib2R5IGVsc2U="
            try await client.execute(uri: "/hooks/woocommerce/acme", method: .post, headers: forged, body: .init(string: processing)) {
                #expect($0.status == .unauthorized)
            }

            // A signed customer record (WooCommerce signs every resource with the same secret) re-sent
            // as an order is refused and recorded; order.deleted carries only the id and moves nothing.
            let customerRecord = #"{"id":26,"email":"g.papadopoulos@example.gr","first_name":"Γιώργος","role":"customer"}"#
            try await client.execute(
                uri: "/hooks/woocommerce/acme", method: .post, headers: Self.headers(customerRecord, topic: "order.updated", delivery: "5"),
                body: .init(string: customerRecord)
            ) { response in
                #expect(response.status == .unprocessableContent)
                #expect((response.json["detail"] as? String)?.contains("not an order") == true)
            }
            #expect(try await Self.deliver(client, #"{"id":727}"#, topic: "order.deleted", delivery: "6") == "ignored")
            let refusals = try await AuditLog(database: world.database, clock: world.clock).list(shop: world.shop.id, cursor: nil, limit: 5)
            #expect(refusals.items.first?.action == "webhook.refused" && refusals.items.first?.actor.name == "woocommerce")

            let order = try #require(
                try await world.database.withConnection { sql in
                    try await OrderRepository(sql).find(shop: world.shop.id, externalID: "woocommerce:727")
                })
            #expect(order.stage == .shipped && order.number == "#727" && order.currency == "EUR" && order.totalMinor == 6_700)
            #expect(order.shipment?.carrier == "acs-courier" && order.shipment?.trackingNumber == "7201234567")
            #expect(order.shippingPostcode == "105 63", "the assistant takes it as proof the order is the customer's")
            let customer = try #require(
                try await world.database.withConnection { sql in
                    try await CustomerRepository(sql).find(shop: world.shop.id, id: order.customerID)
                })
            #expect(customer.name == "Γιώργος Παπαδόπουλος")
            #expect(customer.identities.map(\.value) == ["g.papadopoulos@example.gr", "+306912345678", "woocommerce:26"])
            let items = try await world.database.withConnection { sql in
                try await OrderRepository(sql).items(shop: world.shop.id, orderID: order.id)
            }
            #expect(items.map(\.unitPriceMinor) == [1_552, 2_500])
        }
    }

    @Test("a WooCommerce account brings its customer, found again by the same address", arguments: TestDatabase.available)
    func customers(kind: TestDatabase) async throws {
        try await withApp(kind) { client, world, key in
            try await client.execute(
                uri: "/api/v1/shop", method: .patch, headers: .bearer(key),
                body: .init(json: "{\"woocommerce.webhook_secret\":\"\(Self.secret)\"}")
            ) { #expect($0.status == .ok) }
            let created = try Self.fixture("customer-created")
            #expect(try await Self.deliver(client, created, topic: "customer.created", delivery: "c1") == "customer")
            #expect(try await Self.deliver(client, created, topic: "customer.updated", delivery: "c2") == "customer")
            let customers = try await ReadCustomers(database: world.database).list(shop: world.shop.id, cursor: nil, limit: 10).items
            let anna = try #require(customers.first)
            #expect(customers.count == 1 && anna.name == "Анна Смирнова")
            #expect(anna.identities.map(\.value) == ["anna.smirnova@example.ru", "+79161234567", "woocommerce:25"])
            #expect(anna.consents.isEmpty, "WooCommerce keeps no marketing consent")
        }
    }

    static func deliver(_ client: any TestClientProtocol, _ body: String, topic: String, delivery: String) async throws -> String? {
        try await client.execute(
            uri: "/hooks/woocommerce/acme", method: .post, headers: headers(body, topic: topic, delivery: delivery),
            body: .init(string: body)
        ) { response in
            #expect(response.status == .ok, "\(topic): \(String(buffer: response.body))")
            return response.json["result"] as? String
        }
    }

    static func headers(_ body: String, topic: String, delivery: String) -> HTTPFields {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(body.utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return [
            .contentType: "application/json",
            HTTPField.Name("X-WC-Webhook-Topic")!: topic,
            HTTPField.Name("X-WC-Webhook-Signature")!: Data(mac).base64EncodedString(),
            HTTPField.Name("X-WC-Webhook-Delivery-ID")!: delivery,
            HTTPField.Name("X-WC-Webhook-Source")!: "https://sklep.example.gr/",
        ]
    }

    static func fixture(_ name: String) throws -> String {
        try String(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
                "Fixtures/woocommerce/\(name).json"),
            encoding: .utf8)
    }
}
