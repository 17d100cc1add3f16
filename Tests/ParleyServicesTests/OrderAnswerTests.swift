import Foundation
import ParleyCore
import ParleyServices
import ParleyStore
import ParleyTestSupport
import Testing

/// The assistant tells an order's stage, parcel and tracking link only to someone who shows the
/// order's email address or postcode; anyone else learns nothing, not even that the order exists.
@Suite("Order answers")
struct OrderAnswerTests {
    static func order(_ world: World, phone: String? = nil) async throws -> Order {
        let ingest = IngestOrderEvent(database: world.database, clock: world.clock)
        let customer = OrderCustomer(email: "Zofia.Nowak@Example.PL", phone: phone, name: "Zofia Nowak", locale: "pl-PL")
        _ = try await ingest(
            shop: world.shop.id,
            OrderEvent(
                source: "shopify", eventID: "e1", externalOrderID: "shopify:1", number: "#1043", stage: .accepted,
                occurredAt: world.clock.now(), customer: customer, currency: "PLN", totalMinor: 9_900, items: [], shipment: nil,
                shippingPostcode: "00-590"))
        let parcel = Shipment(
            carrier: "InPost", trackingNumber: "6200000000001", trackingURL: "https://inpost.pl/sledzenie?number=6200000000001",
            expectedDeliveryAt: Date(timeIntervalSince1970: 1_795_300_000))
        guard
            case .advanced(let order, _) = try await ingest(
                shop: world.shop.id,
                OrderEvent(
                    source: "shopify", eventID: "e2", externalOrderID: "shopify:1", number: nil, stage: .shipped,
                    occurredAt: world.clock.now(), customer: OrderCustomer(), currency: nil, totalMinor: nil, items: [], shipment: parcel))
        else { throw Unexpected("the order did not ship") }
        return order
    }

    @Test(
        "the right email or postcode, however written, gets the stage, carrier, delivery and tracking link",
        arguments: TestDatabase.available)
    func verified(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let world = try await World.given(database)
            let order = try await Self.order(world)
            #expect(order.shippingPostcode == "00-590")
            let assistant = try AssistantTests.assistant(world)
            let links = TrackingLinks(database: database, clock: world.clock, publicURL: "https://help.example")
            let link = try await links.url(shop: world.shop, order: order.publicID)
            for proof in [
                OrderProof(number: "#1043", email: " zofia.nowak@example.pl "), OrderProof(number: "1043", postcode: "00590"),
                OrderProof(number: "1043", email: "ZOFIA.NOWAK@EXAMPLE.PL", postcode: "00 590"),
            ] {
                let answer = try await assistant.answer(
                    shop: world.shop.id, question: "Gdzie jest moja paczka?", locale: "pl", order: proof)
                #expect(answer.kind == .orderStatus, "\(proof)")
                #expect(answer.text.hasPrefix("Zamówienie #1043 jest w drodze. Paczkę wiezie InPost, numer przesyłki 6200000000001."))
                #expect(answer.text.contains("Przewidywana dostawa:") && answer.text.hasSuffix(link))
            }
            // The number may come from the question alone.
            let fromQuestion = try await assistant.answer(
                shop: world.shop.id, question: "Where is order #1043?", locale: "en", order: OrderProof(email: "zofia.nowak@example.pl"))
            #expect(fromQuestion.kind == .orderStatus && fromQuestion.text.hasPrefix("Order #1043 is on its way."))
        }
    }

    @Test("a wrong proof and a missing order get the same answer", arguments: TestDatabase.available)
    func indistinguishable(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let world = try await World.given(database)
            _ = try await Self.order(world)
            let other = try await world.otherShop()
            let assistant = try AssistantTests.assistant(world)
            let wrongEmail = try await assistant.answer(
                shop: world.shop.id, question: "", locale: "pl", order: OrderProof(number: "1043", email: "someone@example.pl"))
            let wrongPostcode = try await assistant.answer(
                shop: world.shop.id, question: "", locale: "pl", order: OrderProof(number: "1043", postcode: "31-000"))
            let halfRight = try await assistant.answer(
                shop: world.shop.id, question: "", locale: "pl",
                order: OrderProof(number: "1043", email: "zofia.nowak@example.pl", postcode: "31-000"))
            let missing = try await assistant.answer(
                shop: world.shop.id, question: "", locale: "pl", order: OrderProof(number: "9999", email: "zofia.nowak@example.pl"))
            let missingSameNumber = try await assistant.answer(
                shop: world.shop.id, question: "", locale: "pl", order: OrderProof(number: "1043", email: "someone@example.pl"))
            #expect(wrongEmail == missingSameNumber && wrongPostcode == missingSameNumber && halfRight == missingSameNumber)
            #expect(missing.text == wrongEmail.text)
            #expect(wrongEmail.kind == .needsOrderVerification(orderNumber: "1043"))
            #expect(wrongEmail.text.hasPrefix("Nie znalazłem zamówienia o tym numerze"))
            // The order of one shop is not another shop's, whatever the proof.
            let elsewhere = try await assistant.answer(
                shop: other.id, question: "", locale: "pl", order: OrderProof(number: "1043", email: "zofia.nowak@example.pl"))
            #expect(elsewhere.text == wrongEmail.text.replacingOccurrences(of: "Acme", with: "Other"))
        }
    }

    @Test("a proof without a number, or a number without a proof, names what is missing", arguments: TestDatabase.available)
    func incomplete(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let world = try await World.given(database)
            let assistant = try AssistantTests.assistant(world)
            await #expect(throws: InvalidInput.self) {
                try await assistant.answer(shop: world.shop.id, question: "", locale: "en", order: OrderProof(email: "a@example.com"))
            }
            await #expect(throws: InvalidInput.self) {
                try await assistant.answer(shop: world.shop.id, question: "", locale: "en", order: OrderProof(number: "1043"))
            }
        }
    }
}
