import Foundation
import Hummingbird
import HummingbirdTesting
import ParleyTestSupport
import Testing

@Suite("Tracking page")
struct TrackingPageTests {
    @Test(
        "the signed link shows the order's stages in the customer's language and time zone, its parcel and items in the shop's colours; a changed link shows nothing",
        arguments: TestDatabase.available)
    func page(kind: TestDatabase) async throws {
        try await withApp(kind) { client, _, key in
            try await client.execute(
                uri: "/api/v1/shop", method: .patch, headers: .bearer(key),
                body: .init(json: ##"{"support.email":"pomoc@acme.example","brand.color":"#0b6e4f"}"##)
            ) { _ in }
            // The customer lives in India while the shop keeps its own zone: times follow the customer.
            let customer = #"{"identities":[{"kind":"email","value":"ola@example.pl"}],"locale":"pl-PL","time_zone":"Asia/Kolkata"}"#
            try await client.execute(uri: "/api/v1/customers", method: .post, headers: .bearer(key), body: .init(json: customer)) {
                #expect($0.status == .created)
            }
            let order = #"""
                {"external_id":"5","number":"#5","currency":"PLN","total":"99.00","placed_at":"2026-11-20T10:00:00Z",
                 "customer":{"email":"ola@example.pl","locale":"pl-PL"},"items":[{"name":"Kubek <duży>","quantity":1,"unit_price":"99.00"}]}
                """#
            let id = try await client.execute(uri: "/api/v1/orders", method: .post, headers: .bearer(key), body: .init(json: order)) {
                try #require($0.json["id"] as? String)
            }
            let shipped = #"""
                {"stage":"shipped","occurred_at":"2026-11-21T08:30:00Z","shipment":{"carrier":"InPost","tracking_number":"620001",
                 "tracking_url":"https://inpost.pl/sledzenie?number=620001"}}
                """#
            let link = try await client.execute(
                uri: "/api/v1/orders/\(id)/events", method: .post, headers: .bearer(key), body: .init(json: shipped)
            ) { try #require($0.json["tracking_page"] as? String) }
            let path = try #require(URL(string: link)?.path)
            #expect(path.hasPrefix("/t/acme/\(id)/"))

            try await client.execute(uri: path, method: .get) { response in
                let html = String(buffer: response.body)
                #expect(response.status == .ok)
                #expect(response.headers[.init("Referrer-Policy")!] == "no-referrer")
                #expect(html.contains("<h1>Zamówienie #5</h1>"))
                #expect(html.contains("Status: <strong>Przekazane kurierowi</strong>"))
                #expect(html.contains("Zamówienie przyjęte") && html.contains("Płatność zaksięgowana") && html.contains("W doręczeniu"))
                #expect(html.contains(#"aria-current="step">Przekazane kurierowi"#), "the stage the order is at is marked")
                #expect(html.contains("InPost") && html.contains("620001") && html.contains("https://inpost.pl/sledzenie?number=620001"))
                #expect(html.contains("Kubek &lt;duży&gt;") && html.contains("99,00") && html.contains("pomoc@acme.example"))
                // Reached at 08:30 UTC: 14:00 in Kolkata. Stages passed unannounced show no time, and no "nil".
                #expect(html.contains(#"<time datetime="2026-11-21T08:30:00Z">21 lis 2026 o 14:00</time>"#))
                #expect(html.contains("Asia/Kolkata"))
                #expect(!html.contains("nil"))
                #expect(html.contains("background:#0b6e4f"), "the header in the shop's colour")
            }
            let tampered = String(path.dropLast(2)) + (path.hasSuffix("AA") ? "BB" : "AA")
            for wrong in [tampered, path.replacingOccurrences(of: "/t/acme/", with: "/t/other/"), "/t/acme/\(id)/x"] {
                try await client.execute(uri: wrong, method: .get) { #expect($0.status == .notFound, "\(wrong)") }
            }
        }
    }
}
