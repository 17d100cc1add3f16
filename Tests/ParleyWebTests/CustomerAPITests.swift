import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ParleyCore
import ParleyServices
import ParleyTestSupport
import Testing

@Suite("Customers API")
struct CustomerAPITests {
    @Test("create, upsert by another identity, read, page through and see the timeline", arguments: TestDatabase.available)
    func lifecycle(kind: TestDatabase) async throws {
        try await withApp(kind) { client, _, key in
            let create = #"""
                {"identities":[{"kind":"email","value":"Zofia.Nowak@Example.PL"}],"name":"Zofia Nowak","locale":"pl-PL",
                 "consents":[{"channel":"email","status":"granted","source":"checkout"}]}
                """#
            let id = try await client.execute(uri: "/api/v1/customers", method: .post, headers: .bearer(key), body: .init(json: create)) {
                response in
                #expect(response.status == .created)
                let id = try #require(response.json["id"] as? String)
                #expect(response.headers[.location] == "/api/v1/customers/\(id)")
                return id
            }
            let upsert = #"""
                {"identities":[{"kind":"email","value":"zofia.nowak@example.pl"},{"kind":"phone","value":"0048 601 234 567"}],
                 "time_zone":"Europe/Warsaw","preferred_channel":"both"}
                """#
            try await client.execute(uri: "/api/v1/customers", method: .post, headers: .bearer(key), body: .init(json: upsert)) {
                response in
                #expect(response.status == .ok)
                #expect(response.json["id"] as? String == id)
                #expect(response.json["name"] as? String == "Zofia Nowak")
                #expect(response.json["preferred_channel"] as? String == "both")
                let identities = response.json["identities"] as? [[String: String]]
                #expect(identities?.map { $0["value"] ?? "" } == ["zofia.nowak@example.pl", "+48601234567"])
            }
            try await client.execute(uri: "/api/v1/customers/\(id)", method: .get, headers: .bearer(key)) { response in
                #expect(response.json["locale"] as? String == "pl-PL")
                #expect((response.json["consents"] as? [[String: Any]])?.first?["status"] as? String == "granted")
            }
            for index in 0..<3 {
                let body = "{\"identities\":[{\"kind\":\"external\",\"value\":\"shopify:\(index)\"}]}"
                try await client.execute(uri: "/api/v1/customers", method: .post, headers: .bearer(key), body: .init(json: body)) { _ in }
            }
            var seen: [String] = []
            var cursor: String? = nil
            repeat {
                let query = cursor.map { "&cursor=\($0)" } ?? ""
                cursor = try await client.execute(uri: "/api/v1/customers?limit=3\(query)", method: .get, headers: .bearer(key)) {
                    response in
                    seen += (response.json["data"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                    return response.json["next_cursor"] as? String
                }
            } while cursor != nil
            #expect(seen.count == 4 && Set(seen).count == 4 && seen.first == id)
            try await client.execute(uri: "/api/v1/customers/\(id)/timeline", method: .get, headers: .bearer(key)) { response in
                let kinds = (response.json["data"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
                #expect(kinds == ["identity.added", "customer.updated", "consent.changed", "customer.created"])
            }
            let revoke = #"{"channel":"email","status":"revoked","source":"unsubscribe-link"}"#
            try await client.execute(
                uri: "/api/v1/customers/\(id)/consents", method: .post, headers: .bearer(key), body: .init(json: revoke)
            ) {
                response in
                let consent = (response.json["consents"] as? [[String: Any]])?.first
                #expect(consent?["status"] as? String == "revoked")
                #expect(consent?["source"] as? String == "unsubscribe-link")
            }
        }
    }

    @Test("identities of two different customers are a conflict, not a silent merge", arguments: TestDatabase.available)
    func conflict(kind: TestDatabase) async throws {
        try await withApp(kind) { client, _, key in
            for email in ["a@example.com", "b@example.com"] {
                let body = "{\"identities\":[{\"kind\":\"email\",\"value\":\"\(email)\"}]}"
                try await client.execute(uri: "/api/v1/customers", method: .post, headers: .bearer(key), body: .init(json: body)) { _ in }
            }
            let both = #"{"identities":[{"kind":"email","value":"a@example.com"},{"kind":"email","value":"b@example.com"}]}"#
            try await client.execute(uri: "/api/v1/customers", method: .post, headers: .bearer(key), body: .init(json: both)) { response in
                #expect(response.status == .conflict)
                #expect((response.json["detail"] as? String)?.contains("different customers") == true)
            }
        }
    }

    @Test("a POST repeated with its Idempotency-Key is answered the same and changes nothing", arguments: TestDatabase.available)
    func idempotency(kind: TestDatabase) async throws {
        try await withApp(kind) { client, _, key in
            var headers = HTTPFields.bearer(key)
            headers[HTTPField.Name("Idempotency-Key")!] = "signup-42"
            let body = #"{"identities":[{"kind":"email","value":"new@example.com"}],"name":"New"}"#
            let first = try await client.execute(uri: "/api/v1/customers", method: .post, headers: headers, body: .init(json: body)) {
                ($0.status, $0.json["id"] as? String)
            }
            let second = try await client.execute(uri: "/api/v1/customers", method: .post, headers: headers, body: .init(json: body)) {
                response in
                #expect(response.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
                return (response.status, response.json["id"] as? String)
            }
            #expect(first.0 == .created && second.0 == .created && first.1 == second.1)
            let other = #"{"identities":[{"kind":"email","value":"other@example.com"}]}"#
            try await client.execute(uri: "/api/v1/customers", method: .post, headers: headers, body: .init(json: other)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.json["field"] as? String == "Idempotency-Key")
            }
            try await client.execute(uri: "/api/v1/customers", method: .get, headers: .bearer(key)) { response in
                #expect((response.json["data"] as? [Any])?.count == 1)
            }
        }
    }

    @Test("every consent change, on creation or later, is in the audit log with who made it", arguments: TestDatabase.available)
    func consentsAudited(kind: TestDatabase) async throws {
        try await withApp(kind) { client, world, key in
            let create =
                #"{"identities":[{"kind":"email","value":"ola@example.pl"}],"consents":[{"channel":"email","status":"granted","source":"checkout"}]}"#
            let id = try await client.execute(uri: "/api/v1/customers", method: .post, headers: .bearer(key), body: .init(json: create)) {
                $0.json["id"] as? String
            }
            try await client.execute(
                uri: "/api/v1/customers/\(id ?? "")/consents", method: .post, headers: .bearer(key),
                body: .init(json: #"{"channel":"email","status":"revoked","source":"unsubscribe link"}"#)
            ) { #expect($0.status == .ok) }
            let log = try await AuditLog(database: world.database, clock: world.clock).list(shop: world.shop.id, cursor: nil, limit: 10)
            let consents = log.items.filter { $0.action == "consent.changed" }
            #expect(consents.map { $0.detail["status"] } == ["revoked", "granted"])
            #expect(consents.allSatisfy { $0.target == id && $0.actor.kind == .apiKey })
            #expect(consents.first?.detail["source"] == "unsubscribe link")
        }
    }
}
