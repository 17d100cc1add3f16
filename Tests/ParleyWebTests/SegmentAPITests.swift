import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ParleyCore
import ParleyServices
import ParleyStore
import ParleyTestSupport
import Testing

/// `/api/v1/segments` as a shop's developer uses it: an audience saved, counted now with a sample,
/// its members paged, a bad condition refused with the field to fix.
@Suite("Segments API")
struct SegmentAPITests {
    @Test(
        "bought filters 60-90 days ago and none since: counted, sampled and listed; refusals name the field",
        arguments: TestDatabase.available)
    func audience(kind: TestDatabase) async throws {
        try await withApp(kind) { client, world, key in
            func order(_ id: String, email: String, sku: String, daysAgo: Double) async throws {
                _ = try await IngestOrderEvent(database: world.database, clock: world.clock)(
                    shop: world.shop.id,
                    OrderEvent(
                        source: "api", eventID: id, externalOrderID: id, number: "#\(id)", stage: .delivered,
                        occurredAt: world.clock.now() - daysAgo * 86400, customer: OrderCustomer(email: email), currency: "PLN",
                        totalMinor: 2_000,
                        items: [
                            OrderItem(sku: sku, name: sku == "FILTR-10" ? "Filtry papierowe" : "Kubek", quantity: 1, unitPriceMinor: 2_000)
                        ],
                        shipment: nil))
            }
            try await order("1", email: "due@example.pl", sku: "FILTR-10", daysAgo: 70)
            try await order("2", email: "stocked@example.pl", sku: "FILTR-10", daysAgo: 80)
            try await order("3", email: "stocked@example.pl", sku: "FILTR-10", daysAgo: 10)
            try await order("4", email: "mug@example.pl", sku: "KUB-01", daysAgo: 70)
            try await order("5", email: "due2@example.pl", sku: "FILTR-10", daysAgo: 65)
            let body =
                #"{"name":"Filter buyers due","conditions":[{"fact":"ordered","product":"filtry","days":"60-90"},{"fact":"ordered","product":"FILTR-10","days":"60","not":true}]}"#
            let id = try await client.execute(uri: "/api/v1/segments", method: .post, headers: .bearer(key), body: .init(json: body)) {
                response -> String? in
                #expect(response.status == .created)
                #expect(response.json["count"] as? Int == 2)
                #expect((response.json["sample"] as? [[String: Any]])?.count == 2)
                let conditions = response.json["conditions"] as? [[String: Any]]
                #expect(conditions?.last?["not"] as? Bool == true && conditions?.last?["days"] as? String == "60")
                return response.json["id"] as? String
            }
            let segment = try #require(id)
            try await client.execute(uri: "/api/v1/segments/\(segment)/members?limit=1", method: .get, headers: .bearer(key)) { response in
                #expect((response.json["data"] as? [[String: Any]])?.count == 1 && response.json["next_cursor"] is String)
            }
            // Ordering again takes a customer out at once: the segment is judged when asked.
            try await order("6", email: "due@example.pl", sku: "FILTR-10", daysAgo: 0)
            try await client.execute(uri: "/api/v1/segments", method: .get, headers: .bearer(key)) { response in
                let first = (response.json["data"] as? [[String: Any]])?.first
                #expect(first?["count"] as? Int == 1 && first?["name"] as? String == "Filter buyers due")
            }
            try await client.execute(
                uri: "/api/v1/segments", method: .post, headers: .bearer(key),
                body: .init(json: #"{"name":"Filter buyers due","conditions":[{"fact":"joined"}]}"#)
            ) { #expect($0.status == .conflict) }
            for (bad, field) in [
                (#"{"name":"x","conditions":[{"fact":"spent","amount":"500"}]}"#, "conditions[0].currency"),
                (#"{"name":"x","conditions":[{"fact":"ordered","days":"90-60"}]}"#, "conditions[0].days"),
                (#"{"name":"x","conditions":[]}"#, "conditions"),
                (#"{"name":"","conditions":[{"fact":"joined"}]}"#, "name"),
            ] {
                try await client.execute(uri: "/api/v1/segments", method: .post, headers: .bearer(key), body: .init(json: bad)) {
                    response in
                    #expect(response.status == .unprocessableContent && response.json["field"] as? String == field, "\(bad)")
                }
            }
            // Any of the two: bought filters back then (three), or none lately (the mug's buyer too).
            try await client.execute(
                uri: "/api/v1/segments/\(segment)", method: .patch, headers: .bearer(key), body: .init(json: #"{"match":"any"}"#)
            ) { response in
                #expect(response.status == .ok && response.json["match"] as? String == "any" && response.json["count"] as? Int == 4)
            }
            try await client.execute(uri: "/api/v1/segments/\(segment)", method: .delete, headers: .bearer(key)) {
                #expect($0.status == .noContent)
            }
            try await client.execute(uri: "/api/v1/segments/\(segment)", method: .get, headers: .bearer(key)) {
                #expect($0.status == .notFound)
            }
        }
    }
}
