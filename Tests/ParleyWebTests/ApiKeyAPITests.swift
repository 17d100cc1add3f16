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

@Suite("API keys")
struct ApiKeyAPITests {
    @Test(
        "keys are listed without secrets, created read-only or expiring, revoked at once, and each change is audited",
        arguments: TestDatabase.available)
    func lifecycle(kind: TestDatabase) async throws {
        try await withApp(kind) { client, world, key in
            let expires = world.clock.now().addingTimeInterval(3600).formatted(.iso8601)
            let (reader, readerPrefix) = try await client.execute(
                uri: "/api/v1/api-keys", method: .post, headers: .bearer(key),
                body: .init(json: #"{"name":"reporting","scope":"read_only","expires_at":"\#(expires)"}"#)
            ) { response in
                #expect(response.status == .created)
                #expect(response.json["scope"] as? String == "read_only" && response.json["status"] as? String == "active")
                let secret = try #require(response.json["key"] as? String)
                let prefix = try #require(response.json["prefix"] as? String)
                #expect(secret.hasPrefix(prefix + "_"))
                return (secret, prefix)
            }
            try await client.execute(uri: "/api/v1/api-keys", method: .get, headers: .bearer(reader)) { response in
                #expect(response.status == .ok)
                let items = try #require(response.json["data"] as? [[String: Any]])
                #expect(items.map { $0["name"] as? String } == ["test", "reporting"])
                #expect(items.allSatisfy { $0["key"] == nil }, "a listed key never shows its secret")
                #expect(items.first?["last_used_at"] is String, "the test key was used to create the other")
                #expect(response.json.keys.contains("next_cursor") && response.json["next_cursor"] is NSNull)
            }
            // A read-only key reads but changes nothing, and says why.
            try await client.execute(
                uri: "/api/v1/customers", method: .post, headers: .bearer(reader),
                body: .init(json: #"{"identities":[{"kind":"email","value":"a@b.example"}]}"#)
            ) { response in
                #expect(response.status == .forbidden)
                #expect((response.json["detail"] as? String)?.contains("read-only") == true)
            }
            try await client.execute(uri: "/api/v1/customers", method: .get, headers: .bearer(reader)) { #expect($0.status == .ok) }

            world.clock.advance(by: 3601)
            try await client.execute(uri: "/api/v1/customers", method: .get, headers: .bearer(reader)) { response in
                #expect(response.status == .unauthorized && response.json["detail"] as? String == "the API key has expired")
            }
            try await client.execute(uri: "/api/v1/api-keys/\(readerPrefix)", method: .delete, headers: .bearer(key)) {
                #expect($0.status == .noContent)
            }
            try await client.execute(uri: "/api/v1/api-keys/\(readerPrefix)", method: .delete, headers: .bearer(key)) {
                #expect($0.status == .conflict)
            }
            try await client.execute(uri: "/api/v1/customers", method: .get, headers: .bearer(reader)) { response in
                #expect(response.json["detail"] as? String == "the API key was revoked")
            }
            // Revoking the key in use works too, and it stops working at once.
            let own = String(key.prefix(12))
            try await client.execute(uri: "/api/v1/api-keys/\(own)", method: .delete, headers: .bearer(key)) {
                #expect($0.status == .noContent)
            }
            try await client.execute(uri: "/api/v1/customers", method: .get, headers: .bearer(key)) { #expect($0.status == .unauthorized) }

            let log = try await AuditLog(database: world.database, clock: world.clock).list(shop: world.shop.id, cursor: nil, limit: 10)
            #expect(log.items.map(\.action) == ["api_key.revoked", "api_key.revoked", "api_key.created", "api_key.created"])
            #expect(log.items.map(\.target) == [own, readerPrefix, readerPrefix, own])
            #expect(log.items.prefix(3).allSatisfy { $0.actor.kind == .apiKey && $0.actor.name == "\(own) (test)" })
            #expect(log.items[2].detail == ["name": "reporting", "scope": "read_only", "expires_at": expires])
        }
    }

    @Test("another shop's key cannot be listed or revoked; bad input is named", arguments: TestDatabase.available)
    func scoped(kind: TestDatabase) async throws {
        try await withApp(kind) { client, world, key in
            let other = try await world.otherShop()
            let theirs = try await ApiKeys(database: world.database, clock: world.clock).create(shop: other.id, name: "theirs")
            try await client.execute(uri: "/api/v1/api-keys/prl_\(theirs.info.prefix)", method: .delete, headers: .bearer(key)) {
                #expect($0.status == .notFound)
            }
            try await client.execute(uri: "/api/v1/api-keys", method: .get, headers: .bearer(key)) { response in
                #expect((response.json["data"] as? [[String: Any]])?.count == 1)
            }
            for (body, field) in [
                (#"{"name":""}"#, "name"), (#"{"name":"x","scope":"admin"}"#, "scope"),
                (#"{"name":"x","expires_at":"2020-01-01T00:00:00Z"}"#, "expires_at"),
            ] {
                try await client.execute(uri: "/api/v1/api-keys", method: .post, headers: .bearer(key), body: .init(json: body)) {
                    response in
                    #expect(response.status == .unprocessableContent && response.json["field"] as? String == field, "\(body)")
                }
            }
            _ = try await ApiKeys(database: world.database, clock: world.clock).authenticate(theirs.key)
        }
    }
}
