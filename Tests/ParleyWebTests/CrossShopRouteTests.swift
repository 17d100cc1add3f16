import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import ParleyCore
import ParleyServices
import ParleyStore
import ParleyTestSupport
import ParleyWeb
import Testing

/// Shop B's key against every API route that names one of shop A's resources: each answers 404
/// and changes nothing; B's lists show none of A's data; B cannot claim A's routing identifiers.
/// The routes come from the router itself, so a route added later without a case here fails.
@Suite("Cross-shop isolation on every route")
struct CrossShopRouteTests {
    @Test("another shop's key reaches none of a shop's resources, by any route", arguments: TestDatabase.available)
    func everyRoute(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let world = try await World.given(database)
            let other = try await world.otherShop()
            let keys = ApiKeys(database: database, clock: world.clock)
            let ours = try await keys.create(shop: world.shop.id, name: "ours")
            let theirs = try await keys.create(shop: other.id, name: "theirs").key
            _ = try await ShopSettings(database: database, clock: world.clock).update(
                shop: world.shop.id, ["support.email": "support@acme.example", "sms.from": "+48221234567"])
            let router = try await buildRouter(database: database, registry: metricsRegistry, clock: world.clock)
            let routes = router.routes.map { (path: $0.path.description, method: $0.method) }
            try await Application(router: router).test(.router) { client in
                let ids = try await Self.resources(client, world, key: ours.key, prefix: "prl_" + ours.info.prefix)
                let bodies: [String: String] = [
                    "POST /api/v1/customers/{id}/consents": #"{"channel":"email","status":"revoked","source":"x"}"#,
                    "POST /api/v1/orders/{id}/events": #"{"stage":"cancelled"}"#,
                    "POST /api/v1/orders/{id}/messages/test": #"{"channel":"email","to":"spy@other.example"}"#,
                    "PATCH /api/v1/conversations/{id}": #"{"status":"resolved"}"#,
                    "POST /api/v1/conversations/{id}/replies": #"{"text":"hello"}"#,
                    "POST /api/v1/conversations/{id}/notes": #"{"text":"hello"}"#,
                    "POST /api/v1/conversations/{id}/merge": #"{"into":"\#(ids["second conversation"]!)"}"#,
                    "POST /api/v1/conversations/{id}/split": #"{"messages":["\#(ids["conversation message"]!)"]}"#,
                    "PATCH /api/v1/canned-responses/{id}": #"{"title":"stolen"}"#,
                    "PATCH /api/v1/articles/{id}": #"{"title":"stolen"}"#,
                    "PATCH /api/v1/webhooks/{id}": #"{"url":"https://spy.example.com/"}"#,
                    "PATCH /api/v1/channels/{id}": #"{"name":"stolen"}"#,
                    "PATCH /api/v1/segments/{id}": #"{"name":"stolen"}"#,
                    "PATCH /api/v1/campaigns/{id}": #"{"name":"stolen"}"#,
                    "POST /api/v1/campaigns/{id}/schedule": #"{}"#,
                    "POST /api/v1/channels/{id}/messages": #"{"message_id":"m1","sender":{"external_id":"1"},"text":"hi"}"#,
                    "POST /api/v1/channels/{id}/messages/{message}/status": #"{"status":"delivered"}"#,
                ]
                var tried = 0
                // A flow is named by its recipe, the same in every shop: B's key changes B's own (checked below).
                for route in routes
                where route.path.hasPrefix("/api/v1/") && route.path.contains("{") && !route.path.hasPrefix("/api/v1/flows/") {
                    let pattern = route.path
                    let path = try Self.fill(pattern, ids)
                    let operation = "\(route.method) \(pattern)"
                    let body = bodies[operation].map { ByteBuffer(string: $0) }
                    try await client.execute(uri: path, method: route.method, headers: .bearer(theirs), body: body) { response in
                        #expect(response.status == .notFound, "\(operation) with another shop's key: \(String(buffer: response.body))")
                    }
                    tried += 1
                }
                #expect(tried >= 25, "every API route with a path parameter was tried")
                // Lists: nothing of A's shows in B's.
                for route in routes
                where route.method == .get && route.path.hasPrefix("/api/v1/") && !route.path.contains("{")
                    && route.path != "/api/v1/events"
                {
                    try await client.execute(uri: route.path, method: .get, headers: .bearer(theirs)) { response in
                        let text = String(buffer: response.body)
                        for (name, id) in ids where text.contains(id) { Issue.record("\(route.path) shows shop A's \(name) \(id)") }
                    }
                }
                // Identifiers that route traffic are A's alone, whatever B's key says.
                for body in [#"{"support.email":"Support@Acme.example"}"#, #"{"sms.from":"+48221234567"}"#] {
                    try await client.execute(uri: "/api/v1/shop", method: .patch, headers: .bearer(theirs), body: .init(json: body)) {
                        #expect($0.status == .conflict, "\(body)")
                    }
                }
                try await client.execute(
                    uri: "/api/v1/flows/abandoned_cart", method: .patch, headers: .bearer(theirs), body: .init(json: #"{"enabled":true}"#)
                ) { #expect($0.status == .ok) }
                try await client.execute(uri: "/api/v1/flows", method: .get, headers: .bearer(ours.key)) { response in
                    #expect((response.json["data"] as? [[String: Any]])?.first?["enabled"] as? Bool == false, "B's switch is B's")
                }
                // And A still has everything, unchanged.
                try await client.execute(uri: "/api/v1/conversations/\(ids["conversation"]!)", method: .get, headers: .bearer(ours.key)) {
                    response in
                    #expect(response.status == .ok && response.json["status"] as? String == "open")
                }
                try await client.execute(uri: "/api/v1/api-keys", method: .get, headers: .bearer(ours.key)) { response in
                    #expect((response.json["data"] as? [[String: Any]])?.first?["status"] as? String == "active")
                }
            }
        }
    }

    /// `pattern` with each `{name}` replaced by shop A's resource of that kind.
    static func fill(_ pattern: String, _ ids: [String: String]) throws -> String {
        let parts = pattern.split(separator: "/").map(String.init)
        var filled: [String] = []
        for (index, part) in parts.enumerated() {
            guard part.hasPrefix("{") else {
                filled.append(part)
                continue
            }
            let collection = parts[index - 1]
            let name: String =
                switch (collection, part) {
                case ("customers", _): "customer"
                case ("orders", _): "order"
                case ("messages", _): "outbound message"
                case ("api-keys", _): "api key"
                case ("email", _): "inbound email"
                case ("conversations", _): "conversation"
                case ("canned-responses", "{shortcut}"): "canned shortcut"
                case ("canned-responses", _): "canned response"
                case ("attachments", _): "attachment"
                case ("suppressions", _): "suppression"
                case ("articles", _): "article"
                case ("webhooks", _): "webhook"
                case ("channels", _): "channel"
                case ("segments", _): "segment"
                case ("campaigns", _): "campaign"
                default: ""
                }
            let id = try #require(ids[name], "no resource of shop A for \(pattern): add one to CrossShopRouteTests")
            filled.append(id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? id)
        }
        return "/" + filled.joined(separator: "/")
    }

    /// One of each kind of resource in shop A, made through its own API key.
    static func resources(_ client: any TestClientProtocol, _ world: World, key: String, prefix: String) async throws -> [String: String] {
        var ids = ["api key": prefix, "suppression": "bounced@example.pl"]
        try await world.database.withConnection { sql in
            try await SuppressionRepository(sql).add(
                shop: world.shop.id, address: "bounced@example.pl", reason: "bounced", detail: nil, now: world.clock.now())
        }
        ids["customer"] = try await client.execute(
            uri: "/api/v1/customers", method: .post, headers: .bearer(key),
            body: .init(json: #"{"identities":[{"kind":"email","value":"zofia@example.pl"}],"name":"Zofia"}"#)
        ) { $0.json["id"] as? String }
        ids["order"] = try await client.execute(
            uri: "/api/v1/orders", method: .post, headers: .bearer(key),
            body: .init(
                json: ##"{"external_id":"x:1","number":"#1","currency":"PLN","total":"10.00","customer":{"email":"zofia@example.pl"}}"##)
        ) { $0.json["id"] as? String }
        ids["canned response"] = try await client.execute(
            uri: "/api/v1/canned-responses", method: .post, headers: .bearer(key),
            body: .init(json: #"{"shortcut":"thanks","title":"Thanks","body":"Thank you!"}"#)
        ) { $0.json["id"] as? String }
        ids["canned shortcut"] = "thanks"
        ids["segment"] = try await client.execute(
            uri: "/api/v1/segments", method: .post, headers: .bearer(key),
            body: .init(json: #"{"name":"Coffee lovers","conditions":[{"fact":"ordered","product":"kawa","days":"60-90"}]}"#)
        ) { $0.json["id"] as? String }
        ids["campaign"] = try await client.execute(
            uri: "/api/v1/campaigns", method: .post, headers: .bearer(key),
            body: .init(
                json: #"{"name":"Spring","segment":"\#(ids["segment"]!)","contents":{"pl":{"subject":"Wiosna","body":"Nowa kawa."}}}"#)
        ) { $0.json["id"] as? String }
        ids["channel"] = try await client.execute(
            uri: "/api/v1/channels", method: .post, headers: .bearer(key),
            body: .init(json: #"{"name":"WhatsApp","webhook_url":"https://bridge.example.com/parley"}"#)
        ) { $0.json["id"] as? String }
        ids["webhook"] = try await client.execute(
            uri: "/api/v1/webhooks", method: .post, headers: .bearer(key),
            body: .init(json: #"{"url":"https://crm.example.com/parley","events":["message.created"]}"#)
        ) { $0.json["id"] as? String }
        ids["article"] = try await client.execute(
            uri: "/api/v1/articles", method: .post, headers: .bearer(key),
            body: .init(json: #"{"title":"Zwroty","body":"30 dni na zwrot.","locale":"pl"}"#)
        ) { $0.json["id"] as? String }
        for subject in ["Broken mug", "Second question"] {
            let mail =
                "From: Zofia <zofia@example.pl>\r\nTo: support@acme.example\r\nSubject: \(subject)\r\nMessage-ID: <\(UUID().uuidString)@example.pl>\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nIt broke.\r\n"
                + "--b\r\nContent-Type: image/png\r\nContent-Disposition: attachment; filename=a.png\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + "iVBORw0KGgo=\r\n--b--\r\n"
            ids["inbound email"] = try await client.execute(
                uri: "/api/v1/inbound/email", method: .post, headers: InboxAPITests.headers(key), body: ByteBuffer(string: mail)
            ) { $0.json["id"] as? String }
        }
        try await InboxAPITests.file(world)
        let conversations = try await client.execute(uri: "/api/v1/conversations", method: .get, headers: .bearer(key)) {
            $0.json["data"] as? [[String: Any]] ?? []
        }
        ids["conversation"] = conversations.last?["id"] as? String
        ids["second conversation"] = conversations.first?["id"] as? String
        let messages = try await client.execute(
            uri: "/api/v1/conversations/\(ids["conversation"] ?? "")/messages", method: .get, headers: .bearer(key)
        ) { $0.json["data"] as? [[String: Any]] ?? [] }
        ids["conversation message"] = messages.first?["id"] as? String
        ids["attachment"] = (messages.first?["attachments"] as? [[String: Any]])?.first?["id"] as? String
        ids["outbound message"] = messages.compactMap { ($0["delivery"] as? [String: Any])?["id"] as? String }.first
        for (name, id) in ids { #expect(!id.isEmpty, "shop A's \(name)") }
        #expect(ids.count == 17, "\(ids.keys.sorted())")
        return ids
    }
}
