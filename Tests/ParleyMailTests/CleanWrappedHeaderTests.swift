import ParleyMail
import Testing

/// Replies from mail programs that the first rules missed, tried as a new user would: a Russian
/// "…пользователь … написал:" quote header wrapped over two lines, and an Outlook.com / Hotmail reply
/// whose quoted message starts after a horizontal rule with a Date / Subject / From / To block.
@Suite("Clean reply: wrapped Russian headers and Hotmail's rule and block")
struct CleanWrappedHeaderTests {
    static let answer = "Спасибо, кружку получила, всё цело.\n\nАнна"
    static let quote = "Здравствуйте, Анна!\nВаш заказ №1006 отправлен."

    /// Gmail on Android and older Gmail web in Russian, wrapped where a 78-column mail program wraps.
    static let russianHeaders = [
        "пт, 5 дек. 2025 г., 10:14 пользователь Интернет-магазин Кубки <\nsklep@kubki.example> написал:",
        "5 декабря 2025 г., 10:14 пользователь Интернет-магазин Кубки\n<sklep@kubki.example> написал:",
        "пт, 5 дек. 2025 г.\nв 10:14 пользователь Интернет-магазин Кубки <sklep@kubki.example> написал:",
        "5 дек. 2025 г., 10:14 пользователь \"Интернет-магазин Кубки\" <sklep@kubki.example>\nнаписал:",
        "пятница, 5 декабря 2025 г. в 10:14 пользователь Кубки <sklep@kubki.example>\nнаписал:",
        "Пользователь Интернет-магазин Кубки <sklep@kubki.example> написал 5 декабря 2025 г.\nв 10:14:",
    ]

    @Test("a wrapped Russian header with a quoted message below it", arguments: russianHeaders)
    func russian(header: String) {
        for quoted in [Self.quote.split(separator: "\n").map { "> " + $0 }.joined(separator: "\n"), Self.quote] {
            for gap in ["\n\n", "\n"] {
                let reply = ReplyCleaner.clean(plain: Self.answer + "\n\n" + header + gap + quoted)
                #expect(reply.text == Self.answer, "\(header)")
                #expect(reply.quoted?.contains("Ваш заказ №1006 отправлен.") == true)
            }
        }
    }

    static let hotmailBlock = """
        Date: Fri, 5 Dec 2025 10:14:00 +0000
        Subject: Re: [#1] Your order #1001 is on its way
        From: sklep@kubki.example
        To: emily.carter@example.com
        """

    @Test("Hotmail in plain text: a rule, then Date, Subject, From and To")
    func hotmailPlain() {
        for rule in ["________________________________", "----------------------------------------", ""] {
            let reply = ReplyCleaner.clean(
                plain: "Thanks, it arrived today.\n\nEmily\n\n\(rule)\n\(Self.hotmailBlock)\n\nHello Emily, your order is on its way.")
            #expect(reply.text == "Thanks, it arrived today.\n\nEmily", "\(rule)")
            #expect(reply.quoted?.contains("your order is on its way") == true)
        }
    }

    @Test("Hotmail in HTML: <hr id=stopSpelling>, then the block")
    func hotmailHTML() {
        let block = Self.hotmailBlock.split(separator: "\n").joined(separator: "<br>")
        for rule in [#"<hr id="stopSpelling">"#, "<hr>", #"<div><hr style="width:100%"></div>"#] {
            let html = """
                <html><body><div dir="ltr">Thanks, it arrived today.<br><br>Emily<br><br>\(rule)\(block)<br><br>\
                <div>Hello Emily, your order is on its way.</div></div></body></html>
                """
            let reply = ReplyCleaner.clean(html: html)
            #expect(reply.text == "Thanks, it arrived today.\n\nEmily", "\(rule)")
            #expect(reply.quoted?.contains("your order is on its way") == true)
        }
    }
}
