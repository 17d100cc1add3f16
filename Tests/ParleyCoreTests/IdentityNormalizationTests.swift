import ParleyCore
import Testing

@Suite("Identity normalisation")
struct IdentityNormalizationTests {
    @Test(
        "phones written the ways customers write them become one number",
        arguments: [
            ("+48 601 234 567", "+48601234567"), ("0048 601-234-567", "+48601234567"), ("(0048) 601.234.567", "+48601234567"),
            ("+7 (912) 345-67-89", "+79123456789"), ("601234567", "601234567"), ("+91 98765 43210", "+919876543210"),
        ])
    func phones(raw: String, normalized: String) throws {
        #expect(try Identity.normalized(.phone, raw).value == normalized)
    }

    @Test(
        "a phone with letters, too few or too many digits is refused",
        arguments: ["call me", "+48 12", "+1234567890123456", "601 234 567 ext 5"])
    func badPhones(raw: String) {
        #expect(throws: IdentityError.self) { try Identity.normalized(.phone, raw) }
    }

    @Test("emails fold case; external ids keep their id but fold the platform; blanks are refused")
    func others() throws {
        #expect(try Identity.normalized(.email, " Zofia.Nowak@Example.PL ").value == "zofia.nowak@example.pl")
        #expect(try Identity.normalized(.external, "Shopify:AbC123").value == "shopify:AbC123")
        #expect(throws: IdentityError.invalid(.external, "expected platform:id, for example shopify:7012345")) {
            try Identity.normalized(.external, "7012345")
        }
        #expect(throws: IdentityError.empty(.email)) { try Identity.normalized(.email, "   ") }
        #expect(throws: IdentityError.self) { try Identity.normalized(.visitor, "two words") }
    }
}
