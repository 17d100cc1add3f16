import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ParleyCore
import ParleyServices
import ParleyTestSupport
import Testing

/// The knowledge base through the API: a shop writes help articles in Markdown per language, keeps
/// them as drafts, publishes them, and only its own keys see them.
@Suite("Knowledge base API")
struct ArticleAPITests {
    @Test(
        "write a draft, publish it, find it by language and status, change and delete it; bad input says what is wrong",
        arguments: TestDatabase.available)
    func lifecycle(kind: TestDatabase) async throws {
        try await withApp(kind) { client, world, key in
            let body =
                #"{"title":"Zwroty","body":"Masz **30 dni** na zwrot.\n\n1. Zapakuj\n2. Odeślij","locale":"pl-PL","category":"Zwroty"}"#
            let id = try await client.execute(uri: "/api/v1/articles", method: .post, headers: .bearer(key), body: .init(json: body)) {
                response in
                #expect(response.status == .created)
                #expect(response.json["status"] as? String == "draft" && response.json["published_at"] is NSNull)
                #expect(response.json["locale"] as? String == "pl-PL" && response.json["category"] as? String == "Zwroty")
                let id = try #require(response.json["id"] as? String)
                #expect(response.headers[.location] == "/api/v1/articles/\(id)")
                return id
            }
            for (json, field) in [
                (#"{"body":"x","locale":"pl"}"#, "title"), (#"{"title":"x","locale":"pl"}"#, "body"),
                (#"{"title":"x","body":"y","locale":"polish!"}"#, "locale"),
                (#"{"title":"x","body":"y","locale":"pl","status":"live"}"#, "status"),
                (#"{"title":"a\nb","body":"y","locale":"pl"}"#, "title"),
            ] {
                try await client.execute(uri: "/api/v1/articles", method: .post, headers: .bearer(key), body: .init(json: json)) {
                    response in
                    #expect(response.status == .unprocessableContent)
                    #expect((response.json["detail"] as? String)?.contains(field) == true, "names \(field)")
                }
            }
            try await client.execute(
                uri: "/api/v1/articles", method: .post, headers: .bearer(key),
                body: .init(json: #"{"title":"Returns","body":"You have 30 days.","locale":"en","status":"published"}"#)
            ) { #expect($0.status == .created && $0.json["published_at"] is String) }

            try await client.execute(uri: "/api/v1/articles?locale=pl-PL&status=draft", method: .get, headers: .bearer(key)) { response in
                #expect((response.json["data"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [id])
            }
            try await client.execute(uri: "/api/v1/articles?status=published", method: .get, headers: .bearer(key)) { response in
                #expect((response.json["data"] as? [[String: Any]])?.compactMap { $0["title"] as? String } == ["Returns"])
            }
            try await client.execute(
                uri: "/api/v1/articles/\(id)", method: .patch, headers: .bearer(key),
                body: .init(json: #"{"status":"published","category":""}"#)
            ) { response in
                #expect(response.status == .ok && response.json["status"] as? String == "published")
                #expect(response.json["published_at"] is String && response.json["category"] is NSNull)
                #expect(response.json["title"] as? String == "Zwroty", "fields left out stay")
            }
            let log = try await AuditLog(database: world.database, clock: world.clock).list(shop: world.shop.id, cursor: nil, limit: 10)
                .items
            #expect(log.prefix(3).map(\.action) == ["article.changed", "article.created", "article.created"])

            try await client.execute(uri: "/api/v1/articles/\(id)", method: .delete, headers: .bearer(key)) {
                #expect($0.status == .noContent)
            }
            try await client.execute(uri: "/api/v1/articles/\(id)", method: .get, headers: .bearer(key)) { #expect($0.status == .notFound) }
        }
    }

    @Test("another shop's key and a read-only key cannot change the articles", arguments: TestDatabase.available)
    func scoped(kind: TestDatabase) async throws {
        try await withApp(kind) { client, world, key in
            let id = try await client.execute(
                uri: "/api/v1/articles", method: .post, headers: .bearer(key),
                body: .init(json: #"{"title":"Dostawa","body":"Wysyłamy w 24 h.","locale":"pl"}"#)
            ) { try #require($0.json["id"] as? String) }
            let other = try await world.otherShop()
            let otherKey = try await ApiKeys(database: world.database, clock: world.clock).create(shop: other.id, name: "other").key
            try await client.execute(uri: "/api/v1/articles/\(id)", method: .get, headers: .bearer(otherKey)) {
                #expect($0.status == .notFound)
            }
            try await client.execute(uri: "/api/v1/articles", method: .get, headers: .bearer(otherKey)) { response in
                #expect((response.json["data"] as? [Any])?.isEmpty == true)
            }
            let reader = try await ApiKeys(database: world.database, clock: world.clock).create(
                shop: world.shop.id, name: "reader", scope: .readOnly
            ).key
            try await client.execute(
                uri: "/api/v1/articles/\(id)", method: .patch, headers: .bearer(reader), body: .init(json: #"{"status":"published"}"#)
            ) { #expect($0.status == .forbidden) }
        }
    }
}
