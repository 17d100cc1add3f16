import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ParleyCore
import ParleyServices
import ParleyStore
import ParleyTestSupport
import Testing

/// `/app/automation` as a marketer uses it: switching the abandoned-cart flow on with a wait, a
/// wrong wait refused with the reason, and agents kept out.
@Suite("Automation page")
struct AutomationPageTests {
    @Test(
        "a marketer switches the abandoned-cart flow on with a wait; a bad wait is refused; an agent may not",
        arguments: TestDatabase.available)
    func switchOn(kind: TestDatabase) async throws {
        try await withApp(kind, .agent(email: "mark@acme.test", role: .marketer), .agent(email: "agent@acme.test")) { client, world, _ in
            let marketer = try await AgentAppTests.session(client, email: "mark@acme.test")
            let (status, page) = try await AgentAppTests.page(client, "/app/automation", cookie: marketer.cookie)
            #expect(status == .ok && page.contains("Abandoned cart"))
            func post(_ body: String, as session: (cookie: String, csrf: String)) async throws -> HTTPResponse.Status {
                try await client.execute(
                    uri: "/app/automation/abandoned_cart", method: .post,
                    headers: [.cookie: session.cookie, .contentType: "application/x-www-form-urlencoded"],
                    body: .init(string: "csrf_token=\(session.csrf)&" + body)
                ) { $0.status }
            }
            #expect(try await post("enabled=on&wait=2h", as: marketer) == .seeOther)
            let flows = ManageFlows(database: world.database, clock: world.clock)
            #expect(
                try await flows.list(shop: world.shop.id).first?.settings == FlowSettings(recipe: .abandonedCart, enabled: true, wait: 7200)
            )
            #expect(try await post("enabled=on&wait=5s", as: marketer) == .unprocessableContent)
            #expect(try await flows.list(shop: world.shop.id).first?.settings.wait == 7200, "a refused change keeps the flow as it was")
            let agent = try await AgentAppTests.session(client, email: "agent@acme.test")
            #expect(try await post("wait=1h", as: agent) == .forbidden)
            #expect(try await flows.list(shop: world.shop.id).first?.settings.enabled == true)
            let log = try await AuditLog(database: world.database, clock: world.clock).list(shop: world.shop.id, cursor: nil, limit: 10)
            #expect(log.items.first { $0.action == "flow.changed" }?.actor.name == "mark@acme.test")
        }
    }

    @Test(
        "replenishment takes its days per product from the page, one SKU a line; a bad line is refused and shown again as typed",
        arguments: TestDatabase.available)
    func intervals(kind: TestDatabase) async throws {
        try await withApp(kind, .agent(email: "mark@acme.test", role: .marketer)) { client, world, _ in
            let marketer = try await AgentAppTests.session(client, email: "mark@acme.test")
            let (_, page) = try await AgentAppTests.page(client, "/app/automation", cookie: marketer.cookie)
            #expect(page.contains("Replenishment") && page.contains("an order is delivered") && page.contains("name=\"intervals\""))
            func post(_ body: String) async throws -> (HTTPResponse.Status, String) {
                try await client.execute(
                    uri: "/app/automation/replenishment", method: .post,
                    headers: [.cookie: marketer.cookie, .contentType: "application/x-www-form-urlencoded"],
                    body: .init(string: "csrf_token=\(marketer.csrf)&" + body)
                ) { ($0.status, String(buffer: $0.body)) }
            }
            let saved = try await post("enabled=on&wait=45d&intervals=KAWA-1KG+%3D+30%0D%0AFILTR-10+%3D+90%0D%0A")
            #expect(saved.0 == .seeOther)
            let flows = ManageFlows(database: world.database, clock: world.clock)
            let settings = try #require(try await flows.list(shop: world.shop.id).first { $0.settings.recipe == .replenishment }?.settings)
            #expect(settings.enabled && settings.wait == 45 * 86400 && settings.intervals == ["KAWA-1KG": 30, "FILTR-10": 90])
            let (_, shown) = try await AgentAppTests.page(client, "/app/automation", cookie: marketer.cookie)
            #expect(shown.contains("FILTR-10 = 90\nKAWA-1KG = 30"))
            let refused = try await post("enabled=on&wait=45d&intervals=KAWA-1KG+thirty")
            #expect(refused.0 == .unprocessableContent && refused.1.contains("KAWA-1KG thirty"))
            #expect(refused.1.contains("a number of days from 1 to 365"))
            #expect(try await flows.list(shop: world.shop.id).first { $0.settings.recipe == .replenishment }?.settings == settings)
        }
    }

    @Test(
        "a marketer tries a flow on a customer by email and sees the email they would get; the API says the same; nothing is sent",
        arguments: TestDatabase.available)
    func tryOnCustomer(kind: TestDatabase) async throws {
        try await withApp(kind, .agent(email: "mark@acme.test", role: .marketer)) { client, world, key in
            let delivered = world.clock.now().formatted(.iso8601)
            try await client.execute(
                uri: "/api/v1/orders", method: .post, headers: .bearer(key),
                body: .init(
                    json:
                        ##"{"external_id":"w:7","number":"#7","stage":"delivered","placed_at":"\##(delivered)","currency":"EUR","total":"24.00","customer":{"email":"eleni@example.gr","name":"Ελένη","locale":"el"},"items":[{"sku":"KAWA-1KG","name":"Καφές 1 kg","quantity":1,"unit_price":"24.00"}]}"##
                )
            ) { #expect($0.status == .created) }
            try await client.execute(
                uri: "/api/v1/customers", method: .post, headers: .bearer(key),
                body: .init(json: #"{"email":"eleni@example.gr","consents":[{"channel":"email","status":"granted","source":"checkout"}]}"#)
            ) { #expect($0.status == .ok || $0.status == .created) }
            let marketer = try await AgentAppTests.session(client, email: "mark@acme.test")
            func trial(_ customer: String) async throws -> (HTTPResponse.Status, String) {
                try await client.execute(
                    uri: "/app/automation/post_purchase/test", method: .post,
                    headers: [.cookie: marketer.cookie, .contentType: "application/x-www-form-urlencoded"],
                    body: .init(string: "csrf_token=\(marketer.csrf)&customer=\(customer)")
                ) { ($0.status, String(buffer: $0.body)) }
            }
            let (status, page) = try await trial("eleni%40example.gr")
            #expect(status == .ok && page.contains("Due ") && page.contains("it would send this email"))
            #expect(page.contains("Καφές 1 kg"), "the preview lists what was delivered")
            #expect(page.contains("<details class=\"flow-test\" open>"))
            let (_, unknown) = try await trial("nobody%40example.com")
            #expect(unknown.contains("No customer has that email address or id."))
            try await client.execute(
                uri: "/api/v1/flows/post_purchase/test", method: .post, headers: .bearer(key),
                body: .init(json: #"{"customer":"eleni@example.gr"}"#)
            ) { response in
                #expect(response.status == .ok && response.json["outcome"] as? String == "send")
                #expect((response.json["text"] as? String)?.contains("Καφές 1 kg") == true && response.json["due_at"] is String)
            }
            try await client.execute(
                uri: "/api/v1/flows/win_back/test", method: .post, headers: .bearer(key),
                body: .init(json: #"{"customer":"nobody@x.example"}"#)
            ) { response in
                #expect(response.status == .unprocessableContent && response.json["field"] as? String == "customer")
            }
            let sent = try await world.database.withConnection { sql in
                try await MessageRepository(sql).list(shop: world.shop.id, statuses: MessageStatus.allCases, limit: 10)
            }
            #expect(sent.allSatisfy { !$0.topic.hasPrefix("marketing") }, "trying sends nothing")
        }
    }
}
