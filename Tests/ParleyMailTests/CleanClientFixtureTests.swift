import Foundation
import ParleyMail
import Testing

/// Replies as each mail program writes them, in `Fixtures/replies`: `<program>-<language>.txt` is the text
/// part (CR LF line ends, as it arrives), `.html` the HTML part of the same message.
enum ReplyFixture {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/replies")

    static func load(_ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }
}

@Suite("Clean reply: real mail programs")
struct CleanClientFixtureTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var fixture: String
        var text: String
        var signature: String?
        var testDescription: String { fixture }
    }

    static let cases: [Case] = [
        Case(
            fixture: "gmail-pl", text: "Dzień dobry,\n\nczy mogę zmienić adres dostawy zamówienia #1043?\n\nPozdrawiam\nAnna",
            signature: "Anna Nowak\ntel. 600 100 200"),
        Case(fixture: "gmail-hi", text: "नमस्ते, मेरा ऑर्डर अभी तक नहीं आया है। कृपया जाँच करें।\n\nधन्यवाद,\nराहुल"),
        Case(fixture: "outlook-desktop-pl", text: "Dzień dobry,\n\npaczka nie dotarła, proszę o sprawdzenie.\n\nJan Kowalski"),
        Case(fixture: "outlook-web-en", text: "Hi,\n\nI'd like to return the blue jacket (order 2211).\n\nThanks,\nMark"),
        Case(fixture: "outlook-ios-el", text: "Καλησπέρα, πότε θα φτάσει η παραγγελία μου;"),
        Case(fixture: "apple-mail-ru", text: "Здравствуйте!\n\nПодскажите, пожалуйста, когда будет доставка?\n\nС уважением,\nИван"),
        Case(fixture: "iphone-en", text: "Yes please cancel it.", signature: "Sent from my iPhone"),
        Case(fixture: "thunderbird-de", text: "Hallo,\n\ndie Rechnung fehlt im Paket.\n\nViele Grüße\nKlaus"),
        Case(fixture: "yahoo-en", text: "Hi, the size M is too small, can I exchange it for L?\nThanks, Lisa"),
        Case(fixture: "mailru-ru", text: "Добрый день! Товар пришёл повреждённым, фото во вложении.", signature: "Ольга Смирнова"),
        Case(
            fixture: "yandex-ru", text: "Здравствуйте, можно оплатить при получении?",
            signature: "Отправлено из мобильной Яндекс Почты"),
    ]

    @Test("the text part gives exactly the new words", arguments: cases)
    func textPart(_ example: Case) throws {
        let reply = ReplyCleaner.clean(plain: try ReplyFixture.load(example.fixture + ".txt"))
        #expect(reply.text == example.text)
        #expect(reply.quoted != nil)
        if let signature = example.signature { #expect(reply.signature == signature) }
    }

    @Test("the HTML part gives the same new words", arguments: cases)
    func htmlPart(_ example: Case) throws {
        let reply = ReplyCleaner.clean(html: try ReplyFixture.load(example.fixture + ".html"))
        #expect(reply.text == example.text)
        #expect(reply.quoted != nil)
        if let signature = example.signature { #expect(reply.signature == signature) }
    }

    @Test("quoted history ends up in quoted, not lost")
    func quotedKept() throws {
        let outlook = ReplyCleaner.clean(html: try ReplyFixture.load("outlook-web-en.html"))
        #expect(outlook.quoted?.contains("Hello Mark, your order has shipped.") == true)
        #expect(outlook.quoted?.contains("From: Parley Shop") == true)
        let gmail = ReplyCleaner.clean(plain: try ReplyFixture.load("gmail-pl.txt"))
        #expect(
            gmail.quoted
                == "pon., 3 mar 2025 o 10:14 Sklep Parley <obsluga@sklep.pl> napisał(a):\n\n> Dzień dobry,\n> Twoje zamówienie #1043 zostało wysłane.\n>"
        )
    }

    @Test("the text part is preferred; HTML is used when it is missing or blank")
    func prefersText() throws {
        let html = try ReplyFixture.load("gmail-pl.html")
        #expect(ReplyCleaner.clean(text: "Tylko tekst.", html: html).text == "Tylko tekst.")
        #expect(ReplyCleaner.clean(text: " \r\n", html: html).text.hasPrefix("Dzień dobry,"))
        #expect(ReplyCleaner.clean(text: nil, html: html).signature == "Anna Nowak\ntel. 600 100 200")
        #expect(ReplyCleaner.clean(text: nil, html: nil) == CleanReply(text: ""))
    }
}
