import ParleyCore
import Testing

@Suite("Currency amounts")
struct CurrencyTests {
    @Test(
        "decimal strings become exact minor units",
        arguments: [
            ("249.99", "PLN", 24_999), ("0.10", "EUR", 10), ("199", "GBP", 19_900), ("1500", "JPY", 1_500), ("1.234", "KWD", 1_234),
            ("2499.00", "INR", 249_900), ("0.1", "USD", 10), ("-5.00", "EUR", -500),
        ] as [(String, String, Int64)])
    func amounts(text: String, code: String, minor: Int64) {
        #expect(Currency.minorUnits(text, code: code) == minor)
    }

    @Test("text that is no amount is refused", arguments: ["", "12,50", "abc", "1e3"])
    func refused(text: String) {
        #expect(Currency.minorUnits(text, code: "PLN") == nil)
    }
}
