import ParleyCore
import Testing

@Suite("Shop slugs")
struct ShopSlugTests {
    @Test(
        "slugs are URL-safe",
        arguments: [
            ("demo", true), ("sklep-ola-2", true), ("a", false), ("Demo", false), ("-x", false), ("x-", false), ("sklep ola", false),
            ("żabka", false),
        ])
    func valid(slug: String, ok: Bool) {
        #expect(Shop.isValidSlug(slug) == ok)
    }
}
