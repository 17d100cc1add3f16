import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ParleyCore
import ParleyServices
import ParleyStore
import ParleyTestSupport
import Testing

/// `/app/segments` as a marketer uses it: an audience built from rows of conditions, counted with a
/// sample once saved, a bad row refused and shown again as typed, deleted; agents kept out.
@Suite("Segments page")
struct SegmentPageTests {
    @Test(
        "a marketer saves a segment from condition rows and sees who meets it; a bad row is refused as typed",
        arguments: TestDatabase.available)
    func build(kind: TestDatabase) async throws {
        try await withApp(kind, .agent(email: "mark@acme.test", role: .marketer), .agent(email: "agent@acme.test")) { client, world, _ in
            _ = try await UpsertCustomer(database: world.database, clock: world.clock)(
                shop: world.shop.id,
                CustomerInput(
                    identities: [.init(kind: .email, value: "zofia@example.pl")], name: "Zofia Nowak", locale: "pl-PL",
                    consents: [.init(channel: .email, status: .granted, source: "checkout")]))
            _ = try await UpsertCustomer(database: world.database, clock: world.clock)(
                shop: world.shop.id, CustomerInput(identities: [.init(kind: .email, value: "john@example.com")], name: "John", locale: "en")
            )
            let marketer = try await AgentAppTests.session(client, email: "mark@acme.test")
            func post(_ path: String, _ body: String, as session: (cookie: String, csrf: String)) async throws
                -> (HTTPResponse.Status, String, String?)
            {
                try await client.execute(
                    uri: path, method: .post, headers: [.cookie: session.cookie, .contentType: "application/x-www-form-urlencoded"],
                    body: .init(string: "csrf_token=\(session.csrf)&" + body)
                ) { ($0.status, String(buffer: $0.body), $0.headers[.location]) }
            }
            let (status, _, location) = try await post(
                "/app/segments",
                "name=Polish+subscribers&match=all&fact_0=language&value_0=pl&fact_1=consent_email&fact_2=&value_2=ignored",
                as: marketer)
            #expect(status == .seeOther)
            let path = try #require(location?.split(separator: "?").first.map(String.init))
            let (_, page) = try await AgentAppTests.page(client, path, cookie: marketer.cookie)
            #expect(page.contains("1 customer") && page.contains("Zofia Nowak") && !page.contains("John"))
            let (_, list) = try await AgentAppTests.page(client, "/app/segments", cookie: marketer.cookie)
            #expect(list.contains("Polish subscribers") && list.contains("Speaks: pl") && list.contains("Agreed to marketing email"))

            let refused = try await post(
                path, "name=Polish+subscribers&match=all&fact_0=language&value_0=pl&fact_1=ordered&days_1=soon", as: marketer)
            #expect(refused.0 == .unprocessableContent && refused.1.contains("value=\"soon\"") && refused.1.contains("role=\"alert\""))
            let saved = try await ManageSegments(database: world.database, clock: world.clock).list(shop: world.shop.id)
            #expect(saved.first?.segment.rule.conditions.count == 2, "a refused change keeps the segment as it was")

            let agent = try await AgentAppTests.session(client, email: "agent@acme.test")
            #expect(try await post("/app/segments", "name=Mine&fact_0=joined", as: agent).0 == .forbidden)
            #expect(try await post(path + "/delete", "", as: marketer).0 == .seeOther)
            #expect(try await ManageSegments(database: world.database, clock: world.clock).list(shop: world.shop.id).isEmpty)
        }
    }
}
