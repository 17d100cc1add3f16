import ParleyCore
import Testing

@Suite("Plural categories")
struct PluralCategoryTests {
    @Test(
        "Polish and Russian pick the word form by the last digits",
        arguments: [
            (1, "pl", PluralCategory.one), (2, "pl", .few), (4, "pl", .few), (5, "pl", .many), (12, "pl", .many),
            (22, "pl", .few), (21, "pl", .many), (0, "pl", .many), (1, "ru", .one), (21, "ru", .one), (11, "ru", .many),
            (3, "ru", .few), (13, "ru", .many), (24, "ru", .few), (25, "ru", .many), (111, "ru", .many),
        ])
    func slavic(count: Int, language: String, expected: PluralCategory) {
        #expect(PluralCategory(count, language: language) == expected)
    }

    @Test("English and Greek have one and other; Hindi counts zero as one")
    func otherLanguages() {
        #expect(PluralCategory(1, language: "en") == .one)
        #expect(PluralCategory(0, language: "en") == .other)
        #expect(PluralCategory(2, language: "el") == .other)
        #expect(PluralCategory(0, language: "hi") == .one)
        #expect(PluralCategory(1, language: "hi-IN") == .one)
        #expect(PluralCategory(2, language: "hi") == .other)
    }
}
