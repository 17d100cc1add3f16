import ParleyMail
import Testing

@Suite("Clean reply: signatures")
struct CleanSignatureTests {
    @Test("the RFC 3676 delimiter cuts the signature")
    func delimiter() {
        let reply = ReplyCleaner.clean(plain: "Proszę o kontakt.\n\n-- \nAnna Nowak\nSklep Rowerowy\ntel. 600 100 200\n")
        #expect(reply == CleanReply(text: "Proszę o kontakt.", signature: "Anna Nowak\nSklep Rowerowy\ntel. 600 100 200"))
    }

    @Test("a bare -- line cuts a short signature but not a long text")
    func bareDashes() {
        #expect(ReplyCleaner.clean(plain: "Dziękuję\n--\nAnna").signature == "Anna")
        let long = "Part one\n--\n" + (1...20).map { "line \($0)" }.joined(separator: "\n")
        #expect(ReplyCleaner.clean(plain: long) == CleanReply(text: long))
    }

    static let footers = [
        "Sent from my iPhone", "Sent from my Android", "Get Outlook for iOS", "Get Outlook for Android<https://aka.ms/ghei36>",
        "Sent from Yahoo Mail on Android", "Wysłane z iPhone'a", "Wysłano z aplikacji Outlook", "Wysłane z mojego smartfona Samsung Galaxy",
        "Отправлено с iPhone", "Отправлено из мобильной Почты Mail.ru", "Отправлено из приложения Яндекс Почта",
        "Отправлено из мобильной Яндекс.Почты", "Στάλθηκε από το iPhone μου", "Von meinem iPhone gesendet", "Envoyé de mon iPhone",
        "Enviado desde mi iPhone", "Odesláno z iPhonu", "Надіслано з iPhone", "मेरे iPhone से भेजा गया",
    ]

    @Test("mobile footers at the end are the signature", arguments: footers)
    func mobileFooter(_ footer: String) {
        let reply = ReplyCleaner.clean(plain: "Ok, thanks.\n\n\(footer)\n\n> quoted\n")
        #expect(reply == CleanReply(text: "Ok, thanks.", quoted: "> quoted", signature: footer))
    }

    @Test("a footer after the delimiter stays in the signature")
    func footerAfterDelimiter() {
        let reply = ReplyCleaner.clean(plain: "Ok.\n-- \nJan\nSent from my iPhone")
        #expect(reply == CleanReply(text: "Ok.", signature: "Jan\nSent from my iPhone"))
    }

    @Test("a name alone at the end is not guessed to be a signature")
    func nameStays() {
        #expect(
            ReplyCleaner.clean(plain: "Proszę o zwrot.\n\nPozdrawiam\nJan Kowalski")
                == CleanReply(text: "Proszę o zwrot.\n\nPozdrawiam\nJan Kowalski"))
    }

    @Test("a footer mentioned mid-text or as the whole message stays")
    func footerNotLast() {
        let text = "Sent from my iPhone\nbecause my laptop is broken, sorry for typos."
        #expect(ReplyCleaner.clean(plain: text).text == text)
        #expect(ReplyCleaner.clean(plain: "Sent from my iPhone\n\n> quoted").text == "Sent from my iPhone")
    }
}
