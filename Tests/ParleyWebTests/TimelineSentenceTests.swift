import Foundation
import ParleyCore
import Testing

@testable import ParleyWeb

/// A customer's timeline beside a conversation reads in the agent's language, with what the entry
/// holds (numbers, stages, subjects) in the sentence.
@Suite("Timeline entries in the agent's language")
struct TimelineSentenceTests {
    static let localizer: Localizer? = try? Localizer(
        directory: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/ParleyWeb/Resources/locales"))

    static func event(_ kind: String, _ summary: String, _ data: [String: String]) -> TimelineEvent {
        TimelineEvent(id: 1, kind: TimelineEvent.Kind(rawValue: kind), occurredAt: Date(), summary: summary, data: data)
    }

    @Test(
        "each kind of entry has its sentence; an entry older than its data, or of a kind unknown here, keeps its stored line",
        arguments: [
            ("pl", event("order.placed", "Order 1042 placed", ["order": "ord_1", "number": "1042"]), "Złożono zamówienie 1042"),
            ("pl", event("order.out_for_delivery", "Order 1042: out for delivery", ["number": "1042"]), "Zamówienie 1042: W doręczeniu"),
            ("ru", event("email.received", "Email: Gdzie", ["subject": "Где посылка?"]), "Получено письмо: Где посылка?"),
            (
                "el",
                event("consent.changed", "sms consent granted (checkout)", ["channel": "sms", "status": "granted", "source": "checkout"]),
                "Συναίνεση για νέα και προσφορές μέσω SMS (checkout)"
            ),
            (
                "pl",
                event(
                    "consent.changed", "sms transactional consent revoked (sms reply STOP)",
                    ["channel": "sms", "purpose": "transactional", "status": "revoked", "source": "sms reply STOP"]),
                "Rezygnacja z wiadomości o zamówieniach przez SMS (sms reply STOP)"
            ),
            ("hi", event("customer.updated", "Profile edited by ala@acme.test", ["by": "ala@acme.test"]), "प्रोफ़ाइल ala@acme.test ने बदली"),
            ("pl", event("email.received", "Email: Paczka", ["conversation": "cnv_1"]), "Email: Paczka"),
            ("pl", event("review.posted", "Review: 5 stars", [:]), "Review: 5 stars"),
        ])
    func sentence(language: String, event: TimelineEvent, expected: String) throws {
        let localizer = try #require(Self.localizer)
        #expect(TimelineSentence.text(event, texts: localizer.texts(language)) == expected)
    }
}
