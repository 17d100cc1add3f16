import Foundation
import ParleyCore
import ParleyServices
import ParleyStore
import ParleyTestSupport
import Testing

/// A shop's own words for its order updates: what customers really get, in their language only,
/// until the shop resets them; texts that could not be sent as meant are refused, saying why.
@Suite("A shop's own order-update texts")
struct ShopMessageTemplatesTests {
    static func shipped(_ number: Int, customer: OrderCustomer) -> OrderEvent {
        OrderEvent(
            source: "shopify", eventID: "ship-\(number)", externalOrderID: "shopify:\(number)", number: "#\(number)", stage: .shipped,
            occurredAt: Date(timeIntervalSince1970: 1_795_000_000), customer: customer, currency: "PLN", totalMinor: 4_999,
            items: [OrderItem(sku: "KUB-01", name: "Kubek", quantity: 1, unitPriceMinor: 4_999)], shipment: nil)
    }

    static func customer(email: String? = nil, phone: String? = nil, locale: String) -> OrderCustomer {
        OrderCustomer(email: email, phone: phone, externalID: nil, name: "Zofia Nowak", locale: locale, acceptsEmailMarketing: false)
    }

    static func service(_ world: World) async throws -> ShopMessageTemplates {
        let templates = try await OrderMessageTemplates()
        let links = TrackingLinks(database: world.database, clock: world.clock, publicURL: "https://help.acme.example")
        return ShopMessageTemplates(
            database: world.database, clock: world.clock, templates: templates,
            preview: PreviewOrderMessage(database: world.database, templates: templates, links: links))
    }

    /// The messages queued for the order `number`, once its update was announced.
    static func sent(_ number: Int, world: World) async throws -> [OutboundMessage] {
        _ = try await NotifyOrderStageTests.runJobs(
            NotifyOrderStage.kind, world: world, handler: try await NotifyOrderStageTests.notifier(world))
        let order = try #require(
            try await world.database.withConnection {
                try await OrderRepository($0).find(shop: world.shop.id, externalID: "shopify:\(number)")
            })
        return try await ReadOrders(database: world.database).details(shop: world.shop.id, publicID: order.publicID).messages
    }

    @Test(
        "the shop's subject and SMS are what customers in that language get; others and, after a reset, everyone get the default",
        arguments: TestDatabase.available)
    func sentAsWritten(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let world = try await World.given(database)
            let templates = try await Self.service(world)
            let owner = AuditActor(.agent, name: "owner@acme.example")
            let saved = try await templates.save(
                shop: world.shop.id, stage: .shipped, language: "pl",
                OrderMessageTexts(subject: "Paczka {{number}} już jedzie!", headline: "", sms: "{{shop}}: paczka {{number}} w drodze."),
                by: owner)
            #expect(saved.customized == [.subject, .sms])
            let ingest = IngestOrderEvent(database: database, clock: world.clock)

            _ = try await ingest(
                shop: world.shop.id, Self.shipped(1001, customer: Self.customer(email: "zofia@example.pl", locale: "pl-PL")))
            let email = try #require(try await Self.sent(1001, world: world).first)
            #expect(email.channel == .email && email.locale == "pl")
            #expect(email.subject == "Paczka #1001 już jedzie!")
            #expect(email.text.contains("Zamówienie jest w drodze"), "the headline left empty is Parley's")

            _ = try await ingest(shop: world.shop.id, Self.shipped(1002, customer: Self.customer(phone: "+48601234567", locale: "pl")))
            let sms = try #require(try await Self.sent(1002, world: world).first)
            #expect(sms.channel == .sms && sms.text == "Acme: paczka #1002 w drodze.")

            _ = try await ingest(
                shop: world.shop.id, Self.shipped(1003, customer: Self.customer(email: "emily@example.com", locale: "en-GB")))
            let english = try #require(try await Self.sent(1003, world: world).first)
            #expect(english.locale == "en" && english.subject == "Order #1003 is on its way")

            try await templates.reset(shop: world.shop.id, stage: .shipped, language: "pl", by: owner)
            _ = try await ingest(shop: world.shop.id, Self.shipped(1004, customer: Self.customer(email: "ola@example.pl", locale: "pl")))
            #expect(try await Self.sent(1004, world: world).first?.subject == "Zamówienie #1004 jest w drodze")
            #expect(try await templates.effective(shop: world.shop.id, stage: .shipped)["pl"]?.customized == [])

            let log = try await AuditLog(database: database, clock: world.clock).list(shop: world.shop.id, cursor: nil, limit: 10).items
            #expect(log.map(\.action) == ["message_template.reset", "message_template.changed"])
            #expect(log.last?.target == "shipped.pl" && log.last?.detail["subject"] == "Paczka {{number}} już jedzie!")
        }
    }

    @Test(
        "a text that is not Mustache, names an unknown placeholder or is too long is refused with the reason; nothing is stored",
        arguments: TestDatabase.available)
    func refused(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let world = try await World.given(database)
            let templates = try await Self.service(world)
            let owner = AuditActor(.agent, name: "owner@acme.example")
            let cases: [(OrderMessageTexts, InvalidInput)] = [
                (
                    .init(subject: "Order {{orderNumber}} shipped"),
                    .init(field: "subject", reason: "unknown placeholder {{orderNumber}}; use {{number}}")
                ),
                (
                    .init(sms: "{{#carrier}}with {{carrier}}"),
                    .init(field: "sms", reason: "{{#carrier}} is never closed; end it with {{/carrier}}")
                ),
                (.init(body: "Hello {{name"), .init(field: "body", reason: "has a {{ with no closing }}")),
                (
                    .init(body: "{{> footer}}"),
                    .init(
                        field: "body",
                        reason:
                            "{{> footer}} is not allowed here; use only the placeholders {{shop}}, {{number}}, {{name}}, {{carrier}}, {{trackingNumber}}, {{trackingPage}}"
                    )
                ),
                (.init(subject: String(repeating: "a", count: 201)), .init(field: "subject", reason: "is longer than 200 characters")),
                (.init(sms: String(repeating: "ą", count: 641)), .init(field: "sms", reason: "is longer than 640 characters")),
                (.init(body: String(repeating: "x", count: 5_001)), .init(field: "body", reason: "is longer than 5000 characters")),
                (.init(headline: "One\nTwo"), .init(field: "headline", reason: "must be one line")),
                (.init(sms: "{{/carrier}}"), .init(field: "sms", reason: "{{/carrier}} closes nothing")),
            ]
            for (texts, expected) in cases {
                await #expect(throws: expected) {
                    try await templates.save(shop: world.shop.id, stage: .shipped, language: "pl", texts, by: owner)
                }
                await #expect(throws: expected) {
                    try await templates.preview(shop: world.shop.id, stage: .shipped, language: "pl", draft: texts)
                }
            }
            await #expect(throws: InvalidInput.self) {
                try await templates.save(shop: world.shop.id, stage: .shipped, language: "de", .init(subject: "Hallo"), by: owner)
            }
            #expect(try await templates.effective(shop: world.shop.id, stage: .shipped).values.allSatisfy { $0.customized.isEmpty })
            #expect(
                try await AuditLog(database: database, clock: world.clock).list(shop: world.shop.id, cursor: nil, limit: 10).items.isEmpty)

            // What may be written: sections, comments, Parley's own text, which stays "the default".
            let effective = try await templates.save(
                shop: world.shop.id, stage: .shipped, language: "en",
                .init(subject: "Order {{number}} is on its way", body: "Sent{{#carrier}} with {{carrier}}{{/carrier}}.{{! a note }}"),
                by: owner)
            #expect(effective.customized == [.body])
            let preview = try await templates.preview(
                shop: world.shop.id, stage: .shipped, language: "en",
                draft: .init(sms: "{{shop}} sent {{number}}{{^carrier}} today{{/carrier}}"))
            #expect(preview.sms == "Acme sent #1001" && preview.smsSegments.count == 1)
        }
    }

    @Test("each line of a shop's message is its own paragraph of the HTML email, escaped", arguments: TestDatabase.available)
    func paragraphs(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let world = try await World.given(database)
            _ = try await Self.service(world).save(
                shop: world.shop.id, stage: .shipped, language: "en",
                OrderMessageTexts(body: "It left our workshop today.\n\nThe courier brings it in 2 days & <calls> first."),
                by: AuditActor(.agent, name: "owner@acme.example"))
            _ = try await IngestOrderEvent(database: database, clock: world.clock)(
                shop: world.shop.id, Self.shipped(1005, customer: Self.customer(email: "ann@example.com", locale: "en")))
            let html = try #require(try await Self.sent(1005, world: world).first?.html)
            #expect(html.contains(">It left our workshop today.</p>"))
            #expect(html.contains(">The courier brings it in 2 days &amp; &lt;calls&gt; first.</p>"))
        }
    }

    @Test("one shop's texts never reach another shop's customers", arguments: TestDatabase.available)
    func scopedToTheShop(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let world = try await World.given(database)
            let other = try await world.otherShop()
            let templates = try await Self.service(world)
            try await templates.save(
                shop: other.id, stage: .shipped, language: "pl", .init(subject: "Obcy temat {{number}}"), by: .system)
            #expect(try await templates.effective(shop: world.shop.id, stage: .shipped)["pl"]?.customized == [])
            let ingest = IngestOrderEvent(database: database, clock: world.clock)
            _ = try await ingest(shop: world.shop.id, Self.shipped(1001, customer: Self.customer(email: "zofia@example.pl", locale: "pl")))
            #expect(try await Self.sent(1001, world: world).first?.subject == "Zamówienie #1001 jest w drodze")
        }
    }
}
