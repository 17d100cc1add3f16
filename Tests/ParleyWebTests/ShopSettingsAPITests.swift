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

@Suite("Shop settings API")
struct ShopSettingsAPITests {
    @Test(
        "a header injection in email.from is refused with the setting named; changes are audited without secrets",
        arguments: TestDatabase.available)
    func checkedOnWrite(kind: TestDatabase) async throws {
        try await withApp(kind) { client, world, key in
            let refused: [(String, String)] = [
                (#"{"email.from":"Kubki <sklep@kubki.example>\r\nBcc: all@evil.example"}"#, "email.from"),
                (#"{"support.email":"Help <help@kubki.example>"}"#, "support.email"),
                (#"{"email.bounce_address":"not an address"}"#, "email.bounce_address"),
                (#"{"inbox.acknowledge":"maybe"}"#, "inbox.acknowledge"),
                (#"{"brand.signature":"ok","sms.from":"Too long a sender id"}"#, "sms.from"),
            ]
            for (body, field) in refused {
                try await client.execute(uri: "/api/v1/shop", method: .patch, headers: .bearer(key), body: .init(json: body)) { response in
                    #expect(response.status == .unprocessableContent, "\(body)")
                    #expect(response.json["field"] as? String == field)
                    #expect(response.headers[.contentType] == "application/problem+json")
                }
            }
            try await client.execute(uri: "/api/v1/shop", method: .get, headers: .bearer(key)) { response in
                #expect((response.json["settings"] as? [String: String])?.isEmpty == true, "nothing of a refused change is kept")
            }
            try await client.execute(
                uri: "/api/v1/shop", method: .patch, headers: .bearer(key),
                body: .init(json: #"{"email.from":"Kubki <sklep@kubki.example>","sms.secret":"twilio-token-123456"}"#)
            ) { #expect($0.status == .ok) }
            let log = try await AuditLog(database: world.database, clock: world.clock).list(shop: world.shop.id, cursor: nil, limit: 10)
            let changes = log.items.filter { $0.action == "setting.changed" }
            #expect(changes.map(\.target) == ["sms.secret", "email.from"])
            #expect(changes.map { $0.detail["value"] } == ["(a new secret)", "Kubki <sklep@kubki.example>"])
            #expect(changes.allSatisfy { $0.actor.kind == .apiKey && $0.actor.name.hasPrefix(String(key.prefix(12))) })
            try await client.execute(uri: "/api/v1/audit-log.csv", method: .get, headers: .bearer(key)) { response in
                #expect(response.status == .ok && response.headers[.contentType] == "text/csv; charset=utf-8")
                let lines = String(buffer: response.body).split(separator: "\r\n")
                #expect(lines.first == "time,actor_kind,actor,address,action,target,detail")
                #expect(lines.count == 4, "the test key's creation and the two changes")
                #expect(
                    lines[2].contains(",api_key,\(key.prefix(12)) (test),,setting.changed,email.from,value=Kubki <sklep@kubki.example>"))
            }
            try await client.execute(uri: "/api/v1/audit-log", method: .get, headers: .bearer(key)) { response in
                let items = try #require(response.json["data"] as? [[String: Any]])
                #expect(items.first?["action"] as? String == "audit_log.exported")
                #expect(items.count == 4 && response.json["next_cursor"] is NSNull)
            }
        }
    }
}
