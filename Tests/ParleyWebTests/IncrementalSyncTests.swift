import Foundation
import Hummingbird
import HummingbirdTesting
import ParleyCore
import ParleyServices
import ParleyTestSupport
import Testing

/// What another system syncing with Parley relies on: the customer shorthand most APIs take, and
/// `updated_since` on lists.
@Suite("Incremental sync through the API")
struct IncrementalSyncTests {
    static func ids(_ response: TestResponse) -> [String] {
        (response.json["data"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    }

    @Test(
        "a customer is made from email, phone and external_id as well as from identities; with none of them the answer says what to give",
        arguments: TestDatabase.available)
    func shorthand(kind: TestDatabase) async throws {
        try await withApp(kind) { client, _, key in
            let made = try await client.execute(
                uri: "/api/v1/customers", method: .post, headers: .bearer(key),
                body: .init(
                    json: #"{"email": "Zofia@Example.PL", "phone": "+48 601 234 567", "external_id": "shopify:42", "name": "Zofia"}"#)
            ) { response in
                #expect(response.status == .created)
                let identities = (response.json["identities"] as? [[String: Any]] ?? []).map { "\($0["kind"]!)=\($0["value"]!)" }
                #expect(Set(identities) == ["email=zofia@example.pl", "phone=+48601234567", "external=shopify:42"], "\(identities)")
                return response.json["id"] as? String
            }
            // The same person by one of the shorthand identities is the same customer.
            try await client.execute(
                uri: "/api/v1/customers", method: .post, headers: .bearer(key),
                body: .init(json: #"{"phone": "+48601234567", "locale": "pl"}"#)
            ) { response in
                #expect(response.status == .ok && response.json["id"] as? String == made)
            }
            try await client.execute(
                uri: "/api/v1/customers", method: .post, headers: .bearer(key), body: .init(json: #"{"name": "Nobody"}"#)
            ) {
                response in
                #expect(response.status == .unprocessableContent && response.json["field"] as? String == "identities")
                #expect((response.json["detail"] as? String)?.contains("email, phone or external_id") == true)
            }
        }
    }

    @Test(
        "updated_since gives what changed at or after it: new and changed customers (a consent too) and conversations; a wrong time is refused",
        arguments: TestDatabase.available)
    func updatedSince(kind: TestDatabase) async throws {
        try await withApp(kind) { client, world, key in
            let first = try await client.execute(
                uri: "/api/v1/customers", method: .post, headers: .bearer(key), body: .init(json: #"{"email": "anna@example.pl"}"#)
            ) { $0.json["id"] as? String ?? "" }
            world.clock.advance(by: 3600)
            let mark = ISO8601DateFormatter().string(from: world.clock.now())
            world.clock.advance(by: 60)
            let second = try await client.execute(
                uri: "/api/v1/customers", method: .post, headers: .bearer(key), body: .init(json: #"{"email": "jan@example.pl"}"#)
            ) { $0.json["id"] as? String ?? "" }
            try await client.execute(uri: "/api/v1/customers?updated_since=\(mark)", method: .get, headers: .bearer(key)) {
                #expect(Self.ids($0) == [second])
            }
            try await client.execute(
                uri: "/api/v1/customers/\(first)/consents", method: .post, headers: .bearer(key),
                body: .init(json: #"{"channel": "email", "status": "granted", "source": "checkout"}"#)
            ) { #expect($0.status == .ok || $0.status == .created) }
            try await client.execute(uri: "/api/v1/customers?updated_since=\(mark)", method: .get, headers: .bearer(key)) {
                #expect(Set(Self.ids($0)) == [first, second], "a consent given changes the customer")
            }

            _ = try await PageSnapshotTests.order(client, key: key, language: "pl")
            try await client.execute(uri: "/api/v1/orders?updated_since=\(mark)", method: .get, headers: .bearer(key)) { response in
                let numbers = (response.json["data"] as? [[String: Any]] ?? []).map { $0["number"] as? String }
                #expect(numbers == ["#1042"], "\(String(buffer: response.body))")
            }
            try await client.execute(
                uri: "/api/v1/inbound/email", method: .post, headers: InboxAPITests.headers(key),
                body: InboxAPITests.email(from: "ola@example.pl", subject: "Zwrot")
            ) { _ in }
            try await InboxAPITests.file(world)
            world.clock.advance(by: 3600)
            let later = ISO8601DateFormatter().string(from: world.clock.now())
            try await client.execute(uri: "/api/v1/conversations?updated_since=\(mark)", method: .get, headers: .bearer(key)) {
                #expect(Self.ids($0).count == 1)
            }
            try await client.execute(uri: "/api/v1/conversations?updated_since=\(later)", method: .get, headers: .bearer(key)) {
                #expect(Self.ids($0).isEmpty)
            }
            for list in [
                "customers", "conversations", "articles", "canned-responses", "webhooks", "channels", "suppressions", "audit-log",
                "api-keys", "inbound/email", "orders",
            ] {
                try await client.execute(uri: "/api/v1/\(list)?updated_since=\(mark)", method: .get, headers: .bearer(key)) { response in
                    #expect(response.status == .ok, "\(list): \(String(buffer: response.body))")
                }
                try await client.execute(uri: "/api/v1/\(list)?updated_since=yesterday", method: .get, headers: .bearer(key)) { response in
                    #expect(
                        response.status == .unprocessableContent && response.json["field"] as? String == "updated_since", "\(list)")
                }
            }
        }
    }
}
