import Foundation
import ParleyCore
import ParleyStore

/// The assistant's answer about one order: its stage, carrier, tracking link and expected
/// delivery, told only to someone who proves the order is theirs.
///
/// The proof is the email address the order was placed with, the postcode it ships to, or the
/// customer Parley already knows the writer to be (a signed-in chat visitor, the sender of an email
/// or a text from the customer's own address or phone). A wrong proof and an order that does not
/// exist get the same answer, word for word, so the assistant cannot be used to learn which order
/// numbers exist.
struct OrderAnswer: Sendable {
    private let links: TrackingLinks

    init(links: TrackingLinks) {
        self.links = links
    }

    /// The answer to `proof` in `language` (whose catalog is `entries`), read and linked on `sql`:
    /// the tracking link's key may be made on first use, so `sql` should be in a transaction.
    func answer(shop: Shop, proof: OrderProof, language: String, entries: [String: String], on sql: DatabaseSession) async throws
        -> AssistantAnswer
    {
        guard let number = Self.number(proof.number) else {
            throw InvalidInput(field: "order.number", reason: "is required: the number of the order, such as 1001")
        }
        guard proof.email != nil || proof.postcode != nil || proof.customerID != nil else {
            throw InvalidInput(field: "order", reason: "needs the email address or the postcode the order was placed with")
        }
        if let email = proof.email { try Validation.text(email, field: "order.email", limit: Validation.Limit.identity) }
        if let postcode = proof.postcode { try Validation.text(postcode, field: "order.postcode", limit: 20) }
        guard let order = try await verified(shop: shop.id, number: number, proof: proof, on: sql) else {
            let text = try MessageCatalogs.words("assistant.notVerified", in: entries, values: ["shop": shop.name])
            return AssistantAnswer(kind: .needsOrderVerification(orderNumber: number), text: text, confidence: 1, language: language)
        }
        return try await status(of: order, shop: shop, language: language, entries: entries, on: sql)
    }

    /// What the assistant tells of `order`, once it is verified: its stage, parcel, expected
    /// delivery and tracking link.
    func status(of order: Order, shop: Shop, language: String, entries: [String: String], on sql: DatabaseSession) async throws
        -> AssistantAnswer
    {
        let expected = order.shipment?.expectedDeliveryAt.map { date in
            date.formatted(
                Date.FormatStyle(
                    date: .long, time: .omitted, locale: Locale(identifier: language), timeZone: TimeZone(identifier: shop.timeZone) ?? .gmt
                ))
        }
        let stage = try MessageCatalogs.words("assistant.stages.\(order.stage.rawValue)", in: entries, values: ["number": order.number])
        let values = MessageCatalogs.present([
            "stage": stage, "carrier": order.shipment?.carrier, "trackingNumber": order.shipment?.trackingNumber, "expected": expected,
            "link": try await links.url(shop: shop, order: order.publicID, on: sql),
        ])
        let text = try MessageCatalogs.words("assistant.order", in: entries, values: values)
        return AssistantAnswer(kind: .orderStatus, text: text, confidence: 1, language: language)
    }

    /// The order numbered `number` when every proof given matches it; nil when one does not, or
    /// when there is no such order.
    func verified(shop: ShopID, number: String, proof: OrderProof, on sql: DatabaseSession) async throws -> Order? {
        // Both lookups run whatever the first finds, so the time taken does not tell either.
        let email = proof.email.flatMap { try? Identity.normalized(.email, $0) }
        var owner: Int64?
        if let email { owner = try await CustomerRepository(sql).owners(shop: shop, of: [email])[email] }
        guard let order = try await OrderRepository(sql).find(shop: shop, number: number) else { return nil }
        if proof.email != nil, owner != order.customerID { return nil }
        if let customerID = proof.customerID, customerID != order.customerID { return nil }
        if let postcode = proof.postcode.map(Self.postcode) {
            guard !postcode.isEmpty, order.shippingPostcode.map(Self.postcode) == postcode else { return nil }
        }
        return order
    }

    /// `text` as the customer's number, without `#` or `№` and spaces; nil when nothing is left.
    static func number(_ text: String?) -> String? {
        let number = (text ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "#№ ").union(.whitespacesAndNewlines))
        return number.isEmpty ? nil : number
    }

    /// A postcode as it compares: "00-950", "00 950" and "00950" are one; "sw1a 1aa" is "SW1A1AA".
    static func postcode(_ text: String) -> String {
        String(text.precomposedStringWithCompatibilityMapping.uppercased().filter { $0.isLetter || $0.isNumber })
    }
}
