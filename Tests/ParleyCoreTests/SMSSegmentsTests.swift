import ParleyCore
import Testing

@Suite("SMS segments")
struct SMSSegmentsTests {
    @Test("GSM-7 fits 160 in one message and 153 per part after that")
    func gsm() {
        #expect(Self.shape(String(repeating: "a", count: 160)) == "GSM-7 1 160 0")
        #expect(Self.shape(String(repeating: "a", count: 161)) == "GSM-7 2 161 145")
        #expect(SMSSegments(String(repeating: "a", count: 306)).count == 2)
        #expect(SMSSegments(String(repeating: "a", count: 307)).count == 3)
        #expect(SMSSegments("").count == 0)
    }

    @Test("extension characters count twice and are not split between parts")
    func extensionCharacters() {
        #expect(SMSSegments("Cena: 10€ {promo}").units == 20)
        #expect(Self.shape(String(repeating: "€", count: 80)) == "GSM-7 1 160 0")
        // 152 septets, then a two-septet € that must start the second part.
        let text = String(repeating: "a", count: 152) + "€" + String(repeating: "a", count: 10)
        #expect(Self.shape(text) == "GSM-7 2 164 141")
    }

    @Test(
        "Polish, Greek, Russian and Hindi texts travel as UCS-2",
        arguments: ["Zamówienie #1001 wysłane", "Η παραγγελία σας στάλθηκε", "Ваш заказ отправлен", "आपका ऑर्डर भेज दिया गया है"])
    func unicode(text: String) {
        let segments = SMSSegments(text)
        #expect(segments.encoding == .ucs2)
        #expect(segments.count == 1 && segments.units == text.utf16.count)
    }

    @Test("UCS-2 fits 70, then 67 per part, and an emoji is never split")
    func ucs2() {
        #expect(SMSSegments(String(repeating: "ł", count: 70)).count == 1)
        #expect(Self.shape(String(repeating: "ł", count: 71)) == "UCS-2 2 71 63")
        // 71 units need two parts; the emoji would straddle the 67-unit boundary, so it opens part two.
        let text = String(repeating: "ł", count: 66) + "📦" + "łłł"
        #expect(Self.shape(text) == "UCS-2 2 71 62")
    }

    @Test("Greek capitals that GSM-7 has keep a text GSM-7; the rest of Greek does not")
    func greekCapitals() {
        #expect(SMSSegments("ΔΦΓΛΩΠΨΣΘΞ").encoding == .gsm7)
        #expect(SMSSegments("Αθήνα").encoding == .ucs2)
    }

    /// "encoding count units remaining", readable in a failed expectation.
    static func shape(_ text: String) -> String {
        let segments = SMSSegments(text)
        return "\(segments.encoding.rawValue) \(segments.count) \(segments.units) \(segments.remaining)"
    }
}
