import ParleyMail
import Testing

@Suite("Email addresses")
struct EmailAddressTests {
    @Test("display names, angle brackets and case in the domain")
    func forms() throws {
        let named = try EmailAddress(parsing: "Zofia Nowak <Zofia.Nowak@Example.PL>")
        #expect(named.addrSpec == "Zofia.Nowak@example.pl")
        #expect(named.displayName == "Zofia Nowak")
        #expect(try EmailAddress(parsing: "\"Nowak, Zofia\" <z@example.pl>").displayName == "Nowak, Zofia")
        #expect(try EmailAddress(parsing: "<anna@example.ru>").displayName == nil)
        #expect(try EmailAddress(parsing: "o'brien+orders@shop.example.co.uk").localPart == "o'brien+orders")
    }

    @Test(
        "internationalised addresses are accepted", arguments: ["γιώργος@παράδειγμα.gr", "анна@пример.рф", "प्रिया@उदाहरण.भारत", "zofia@żółw.pl"])
    func international(address: String) throws {
        #expect(try EmailAddress(parsing: address).addrSpec == address)
    }

    @Test(
        "broken addresses say what is wrong",
        arguments: [
            ("zofia.example.pl", EmailAddressError.missingAt), ("@example.pl", .emptyLocalPart),
            ("zofia..nowak@example.pl", .invalidLocalPart("zofia..nowak")), ("zofia@example..pl", .invalidDomain("example..pl")),
            ("zofia@-example.pl", .invalidDomain("-example.pl")), ("zo fia@example.pl", .invalidLocalPart("zo fia")),
        ])
    func broken(text: String, error: EmailAddressError) {
        #expect(throws: error) { try EmailAddress(parsing: text) }
    }
}
