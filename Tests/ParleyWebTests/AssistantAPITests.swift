import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ParleyCore
import ParleyServices
import ParleyTestSupport
import Testing

/// The assistant through the API, as a chat widget or a shop's own front end calls it: a question
/// in the customer's language gets the passage that answers, a link to the article, or an honest
/// "I do not know"; an order question gets the order only with proof.
@Suite("Assistant API")
struct AssistantAPITests {
    @Test(
        "a question gets the passage, the article's link and a confidence; an unrelated one gets unknown", arguments: TestDatabase.available
    )
    func articles(kind: TestDatabase) async throws {
        try await withApp(kind) { client, _, key in
            let article = #"""
                {"title":"Zwroty","locale":"pl","status":"published",
                 "body":"## Ile mam czasu?\nMasz **30 dni** od otrzymania paczki na zwrot towaru.\n\n## Pieniądze\nPieniądze oddajemy w ciągu 14 dni."}
                """#
            let id = try await client.execute(uri: "/api/v1/articles", method: .post, headers: .bearer(key), body: .init(json: article)) {
                try #require($0.json["id"] as? String)
            }
            try await client.execute(
                uri: "/api/v1/assistant/answer", method: .post, headers: .bearer(key),
                body: .init(json: #"{"question":"Ile mam czasu na zwrot towaru?","locale":"pl-PL"}"#)
            ) { response in
                #expect(response.status == .ok)
                #expect(response.json["kind"] as? String == "article")
                #expect(response.json["passage"] as? String == "Masz 30 dni od otrzymania paczki na zwrot towaru.")
                let linked = response.json["article"] as? [String: Any]
                #expect(linked?["id"] as? String == id && linked?["title"] as? String == "Zwroty")
                #expect(linked?["url"] as? String == "http://127.0.0.1:8080/help/acme/\(id)")
                #expect((response.json["confidence"] as? Double ?? 0) >= 0.6)
                #expect((response.json["text"] as? String)?.hasPrefix("Oto co mówi nasz artykuł pomocy „Zwroty”") == true)
                #expect(response.json["order_number"] is NSNull)
            }
            try await client.execute(
                uri: "/api/v1/assistant/answer", method: .post, headers: .bearer(key),
                body: .init(json: #"{"question":"Czy sprzedajecie rowery?","locale":"pl"}"#)
            ) { response in
                #expect(response.status == .ok && response.json["kind"] as? String == "unknown")
                #expect(response.json["article"] is NSNull && response.json["passage"] is NSNull)
                #expect((response.json["confidence"] as? Double ?? 1) < 0.6)
            }
        }
    }

    @Test("where is my order: proof first, then stage and tracking; a wrong proof reveals nothing", arguments: TestDatabase.available)
    func order(kind: TestDatabase) async throws {
        try await withApp(kind) { client, _, key in
            let order = #"""
                {"external_id":"1043","number":"#1043","currency":"PLN","total":"99.00","shipping_postcode":"00-590",
                 "customer":{"email":"zofia@example.pl","name":"Zofia Nowak"},
                 "shipment":{"carrier":"InPost","tracking_number":"6200000000001"}}
                """#
            try await client.execute(uri: "/api/v1/orders", method: .post, headers: .bearer(key), body: .init(json: order)) {
                #expect($0.status == .created)
            }
            try await client.execute(
                uri: "/api/v1/assistant/answer", method: .post, headers: .bearer(key),
                body: .init(json: #"{"question":"Gdzie jest moje zamówienie nr 1043?","locale":"pl"}"#)
            ) { response in
                #expect(response.json["kind"] as? String == "needs_order_verification")
                #expect(response.json["order_number"] as? String == "1043")
                #expect((response.json["text"] as? String)?.contains("adres e-mail lub kod pocztowy") == true)
            }
            try await client.execute(
                uri: "/api/v1/assistant/answer", method: .post, headers: .bearer(key),
                body: .init(json: #"{"question":"Gdzie jest moje zamówienie nr 1043?","locale":"pl","order":{"postcode":"00 590"}}"#)
            ) { response in
                #expect(response.json["kind"] as? String == "order_status")
                let text = response.json["text"] as? String ?? ""
                #expect(text.hasPrefix("Otrzymaliśmy zamówienie #1043. Paczkę wiezie InPost, numer przesyłki 6200000000001."))
                #expect(text.contains("http://127.0.0.1:8080/t/acme/ord_"), "the signed tracking page")
            }
            var refusals: [String] = []
            for proof in [#"{"number":"1043","email":"thief@example.com"}"#, #"{"number":"5555","email":"zofia@example.pl"}"#] {
                try await client.execute(
                    uri: "/api/v1/assistant/answer", method: .post, headers: .bearer(key),
                    body: .init(json: #"{"locale":"pl","order":\#(proof)}"#)
                ) { response in
                    #expect(response.status == .ok && response.json["kind"] as? String == "needs_order_verification")
                    refusals.append(response.json["text"] as? String ?? "")
                }
            }
            #expect(refusals.count == 2 && refusals[0] == refusals[1], "a wrong email and a missing order read the same")
        }
    }

    @Test("a missing question, a bad locale or an order without proof is 422 naming the field", arguments: TestDatabase.available)
    func invalid(kind: TestDatabase) async throws {
        try await withApp(kind) { client, _, key in
            for (json, field) in [
                ("{}", "question"), (#"{"question":""}"#, "question"), (#"{"question":5}"#, "question"),
                (#"{"question":"zwrot","locale":"polish!"}"#, "locale"), (#"{"order":{"number":"1043"}}"#, "order"),
                (#"{"order":{"email":"a@example.com"}}"#, "order.number"),
            ] {
                try await client.execute(uri: "/api/v1/assistant/answer", method: .post, headers: .bearer(key), body: .init(json: json)) {
                    response in
                    #expect(response.status == .unprocessableContent, "\(json)")
                    #expect(response.headers[.contentType] == "application/problem+json")
                    #expect((response.json["detail"] as? String)?.contains(field) == true, "\(json) names \(field)")
                }
            }
            try await client.execute(
                uri: "/api/v1/assistant/answer", method: .post, headers: [.contentType: "application/json"],
                body: .init(json: #"{"question":"zwrot"}"#)
            ) { #expect($0.status == .unauthorized) }
        }
    }
}
