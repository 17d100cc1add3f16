import Foundation
import Hummingbird
import HummingbirdTesting
import ParleyTestSupport
import Testing

@Suite("Orders API")
struct OrderAPITests {
    @Test("post an order, move it along with events, read it back with its history", arguments: TestDatabase.available)
    func lifecycle(kind: TestDatabase) async throws {
        try await withApp(kind) { client, _, key in
            let order = #"""
                {"external_id":"1001","number":"#1001","placed_at":"2026-11-20T10:15:00.250+01:00","currency":"pln","total":"249.99",
                 "customer":{"email":"Анна@Пример.рф","name":"Анна Смирнова","locale":"ru-RU"},
                 "items":[{"sku":"KUB-01","name":"Кружка","quantity":2,"unit_price":"124.99"},{"name":"Подарок","quantity":1,"unit_price":"0.01"}]}
                """#
            let id = try await client.execute(uri: "/api/v1/orders", method: .post, headers: .bearer(key), body: .init(json: order)) {
                response in
                #expect(response.status == .created)
                #expect(response.json["total_minor"] as? Int == 24_999 && response.json["currency"] as? String == "PLN")
                #expect(response.json["stage"] as? String == "accepted")
                return try #require(response.json["id"] as? String)
            }
            let shipped = #"""
                {"stage":"shipped","occurred_at":"2026-11-21T09:00:00Z","event_id":"s-1",
                 "shipment":{"carrier":"DPD","tracking_number":"0123456789","tracking_url":"https://tracking.dpd.de/status/ru_RU/parcel/0123456789"}}
                """#
            for _ in 0..<2 {
                try await client.execute(
                    uri: "/api/v1/orders/\(id)/events", method: .post, headers: .bearer(key), body: .init(json: shipped)
                ) {
                    response in
                    #expect(response.json["stage"] as? String == "shipped")
                }
            }
            let late = #"{"stage":"paid","occurred_at":"2026-11-20T10:20:00Z"}"#
            try await client.execute(uri: "/api/v1/orders/\(id)/events", method: .post, headers: .bearer(key), body: .init(json: late)) {
                _ in
            }
            try await client.execute(uri: "/api/v1/orders/\(id)", method: .get, headers: .bearer(key)) { response in
                #expect(response.json["stage"] as? String == "shipped")
                #expect((response.json["shipment"] as? [String: Any])?["carrier"] as? String == "DPD")
                let history = (response.json["history"] as? [[String: Any]] ?? []).map { "\($0["stage"] ?? "")/\($0["applied"] ?? "")" }
                #expect(history == ["accepted/1", "paid/0", "shipped/1"])
                #expect((response.json["items"] as? [[String: Any]])?.count == 2)
            }
            let badStage = #"{"stage":"teleported"}"#
            try await client.execute(uri: "/api/v1/orders/\(id)/events", method: .post, headers: .bearer(key), body: .init(json: badStage))
            {
                response in
                #expect(response.status == .unprocessableContent)
                #expect((response.json["detail"] as? String)?.hasPrefix("stage: must be one of accepted, paid") == true)
            }
            let badTotal = ##"{"number":"#1","currency":"PLN","total":"12,50","customer":{}}"##
            try await client.execute(uri: "/api/v1/orders", method: .post, headers: .bearer(key), body: .init(json: badTotal)) { response in
                #expect(response.json["field"] as? String == "total")
            }
            try await client.execute(uri: "/api/v1/orders/ord_nope", method: .get, headers: .bearer(key)) {
                #expect($0.status == .notFound)
            }
        }
    }
}

@Suite("Order message preview")
struct OrderMessagePreviewTests {
    @Test("preview an order's update in the customer's language or another, with its tracking link", arguments: TestDatabase.available)
    func preview(kind: TestDatabase) async throws {
        try await withApp(kind) { client, _, key in
            try await client.execute(
                uri: "/api/v1/shop", method: .patch, headers: .bearer(key), body: .init(json: ##"{"brand.color":"#aa3300"}"##)
            ) { _ in }
            let order = #"""
                {"external_id":"77","number":"#77","currency":"EUR","total":"12.00","stage":"shipped",
                 "customer":{"email":"anna@example.ru","name":"Анна","locale":"ru-RU"},
                 "shipment":{"carrier":"DHL","tracking_number":"JD014600003"}}
                """#
            let id = try await client.execute(uri: "/api/v1/orders", method: .post, headers: .bearer(key), body: .init(json: order)) {
                try #require($0.json["id"] as? String)
            }
            try await client.execute(uri: "/api/v1/orders/\(id)/messages/preview", method: .get, headers: .bearer(key)) { response in
                #expect(response.json["locale"] as? String == "ru")
                #expect(response.json["subject"] as? String == "Заказ #77 отправлен")
                let sms = response.json["sms"] as? String ?? ""
                #expect(sms.hasPrefix("Acme: заказ #77 отправлен (DHL). http://127.0.0.1:8080/t/acme/\(id)/"))
                #expect((response.json["html"] as? String)?.contains("#aa3300") == true)
                #expect((response.json["sms_segments"] as? [String: Any])?["encoding"] as? String == "UCS-2")
            }
            try await client.execute(
                uri: "/api/v1/orders/\(id)/messages/preview?stage=delivered&locale=pl", method: .get, headers: .bearer(key)
            ) {
                response in
                #expect(response.json["subject"] as? String == "Zamówienie #77 zostało dostarczone")
            }
            try await client.execute(uri: "/api/v1/orders/\(id)/messages/preview?stage=lost", method: .get, headers: .bearer(key)) {
                #expect($0.status == .unprocessableContent)
            }
        }
    }
}
