import Testing

@testable import ParleyWeb

@Suite("Language negotiation")
struct LocalizerTests {
    @Test(
        "the best supported language of Accept-Language wins",
        arguments: [
            ("pl-PL,pl;q=0.9,en-US;q=0.8", "pl"), ("de-DE,de;q=0.9,ru;q=0.5", "ru"), ("en;q=0.5, el;q=0.9", "el"),
            ("fr", "en"), ("", "en"), ("hi-IN", "hi"), ("pl;q=0, en", "en"),
        ])
    func negotiate(header: String, language: String) {
        #expect(Localizer.negotiate(header) == language)
    }
}
