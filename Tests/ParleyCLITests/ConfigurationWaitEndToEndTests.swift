import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import ParleyCore
import ParleyStore
import ParleyTestSupport
import Testing

/// A message kept back by the shop's own configuration is not dropped: it waits, the shop and the
/// operator are told which setting to fix, and it goes out once the setting is fixed.
@Suite("Messages wait for a broken setting", .serialized, .timeLimit(.minutes(5)))
struct ConfigurationWaitEndToEndTests {
    typealias E2E = OrderUpdatesEndToEndTests

    @Test(
        "a header injection stored before settings were checked, and no mail server: the order email waits, then goes out clean",
        arguments: TestDatabase.available)
    func waitsThenSends(kind: TestDatabase) async throws {
        try await kind.withFresh { database, location in
            let dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("parley-wait-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: dataDir) }
            let store = ["--data-dir", dataDir, "--database-url", location.url]
            let key = try await E2E.setUp(store)
            let auth = [("Authorization", "Bearer \(key)")]
            // What an older Parley let through: the API refuses it now, so it is planted in the database.
            let shop = try #require(try await database.withConnection { try await ShopRepository($0).find(slug: "kubki") })
            try await database.withConnection { sql in
                try await ShopSettingsRepository(sql).set(
                    shop: shop.id, key: "email.from", value: "Kubki <sklep@kubki.example>\r\nBcc: all@evil.example", now: Date())
            }
            let sink = try await PythonFixture(script: E2E.smtpSink, arguments: [])
            defer { sink.stop() }
            let server = try await ParleyServer.start(store)
            defer { server.stop() }

            let order = try #require(try await E2E.deliver(server, topic: "orders/create", fixture: "orders-create", id: "a1").order)
            func message() async throws -> [String: Any] {
                let details = try await server.call(.GET, "/api/v1/orders/\(order)", headers: auth)
                return (details.json["messages"] as? [[String: Any]])?.first ?? [:]
            }
            #expect(try await eventually { try await message()["waiting_for_setting"] as? String == "email.from" })
            #expect(try await message()["status"] as? String == "queued")
            #expect((try await message()["error"] as? String)?.contains("line break") == true)
            let profile = try await server.call(.GET, "/api/v1/shop", headers: auth)
            let warnings = try #require(profile.json["warnings"] as? [[String: Any]])
            #expect(warnings.map { $0["setting"] as? String } == ["email.from"] && warnings.first?["messages"] as? Int == 1)
            let health = try await server.call(.GET, "/health")
            #expect((health.json["warnings"] as? [String])?.first?.contains("1 message(s) of 1 shop(s)") == true)

            // Fixing the sender is not enough: there is no mail server yet, and the message says so next.
            #expect(
                try await server.call(.PATCH, "/api/v1/shop", headers: auth, body: #"{"email.from":"Kubki <sklep@kubki.example>"}"#)
                    .status == .ok)
            #expect(try await eventually { try await message()["waiting_for_setting"] as? String == "email.smtp_url" })
            #expect(
                try await server.call(.PATCH, "/api/v1/shop", headers: auth, body: #"{"email.smtp_url":"smtp://127.0.0.1:\#(sink.port)"}"#)
                    .status == .ok)
            #expect(try await eventually { try await message()["status"] as? String == "sent" })
            let mails = try await E2E.mails(sink)
            #expect(mails.map(\.rcptTos) == [["zofia.nowak@example.pl"]], "no Bcc: the stored header injection never reached the wire")
            #expect(try await message()["waiting_for_setting"] as? String == nil)
            #expect((try await server.call(.GET, "/health").json["warnings"] as? [String]) == [])
            let log = try await server.call(.GET, "/api/v1/audit-log", headers: auth)
            let targets = (log.json["data"] as? [[String: Any]])?.compactMap { $0["target"] as? String }
            #expect(targets?.prefix(2) == ["email.smtp_url", "email.from"])
        }
    }
}
