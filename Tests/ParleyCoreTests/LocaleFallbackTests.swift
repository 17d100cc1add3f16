import ParleyCore
import Testing

@Suite("Locale fallback")
struct LocaleFallbackTests {
    @Test(
        "the exact locale, its language, the shop's default, then English",
        arguments: [
            ("pl-PL", "en", ["pl-PL", "pl", "en"]), ("pl_pl", "de-AT", ["pl-PL", "pl", "de-AT", "de", "en"]),
            (nil, "el", ["el", "en"]), ("hi-IN", "hi", ["hi-IN", "hi", "en"]), ("zh-hant-tw", "en", ["zh-Hant-TW", "zh-Hant", "zh", "en"]),
            ("", "ru", ["ru", "en"]), ("EN-gb", "en", ["en-GB", "en"]),
        ] as [(String?, String, [String])])
    func chains(locale: String?, shopDefault: String, chain: [String]) {
        #expect(LocaleFallback.chain(for: locale, shopDefault: shopDefault) == chain)
    }
}
