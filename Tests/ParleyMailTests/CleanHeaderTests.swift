import ParleyMail
import Testing

@Suite("Clean reply: quote headers and Outlook blocks")
struct CleanHeaderTests {
    /// Quote headers as each program writes them in each language.
    static let headers = [
        "On Mon, 3 Mar 2025 at 10:14, Anna <a@b.pl> wrote:",
        "On Mon, Mar 3, 2025 at 10:14 AM Anna Nowak <anna@example.pl> wrote:",
        "On 3/3/25 10:14 AM, Anna wrote:",
        "On 3/3/25, 10:14 AM, \"Anna Nowak\" <anna@example.pl> wrote:",
        "W dniu 3.03.2025 o 10:14, Anna Nowak <a@b.pl> pisze:",
        "W dniu pon., 3 mar 2025 o 10:14 Anna <a@b> napisał(a):",
        "W dniu 3.03.2025 o 10:14 Anna Nowak napisał:",
        "W dniu 3.03.2025 o 10:14 Anna Nowak napisała:",
        "Wiadomość napisana przez Anna Nowak <a@b.pl> w dniu 3 mar 2025, o godz. 10:14:",
        "Στις Δευ 3 Μαρ 2025 στις 10:14, ο/η Anna <a@b> έγραψε:",
        "3 марта 2025 г., в 10:14, Anna <a@b> написал(а):",
        "пн, 3 мар. 2025 г. в 10:14, Anna <a@b.ru>:",
        "Понедельник, 3 марта 2025, 10:14 +03:00 от Anna <a@b>:",
        "03.03.2025, 10:14, \"Anna\" <a@b>:",
        "03.03.2025 10:14, Anna Nowak пишет:",
        "пн, 3 бер. 2025 р. о 10:14 Anna <a@b> пише:",
        "03.03.2025 10:14, Anna написав(ла):",
        "Am 03.03.2025 um 10:14 schrieb Anna <a@b>:",
        "Am Mo., 3. März 2025 um 10:14 Uhr schrieb Anna Nowak <a@b.de>:",
        "Am 03.03.25 um 10:14 schrieb Anna Nowak:",
        "Le lun. 3 mars 2025 à 10:14, Anna <a@b> a écrit :",
        "Le lun. 3 mars 2025 à 10:14, Anna <a@b> a\u{202F}écrit\u{A0}:",
        "El lun, 3 mar 2025 a las 10:14, Anna (<a@b>) escribió:",
        "Dne 3. 3. 2025 10:14 napsal(a) Anna <a@b>:",
        "po 3. 3. 2025 v 10:14 odesílatel Anna <a@b> napsal:",
        "Op ma 3 mrt 2025 om 10:14 schreef Anna <a@b>:",
        "Il giorno lun 3 mar 2025 alle ore 10:14 Anna <a@b> ha scritto:",
        "सोम, 3 मार्च 2025 को 10:14 am बजे Anna <a@b> ने लिखा:",
        "Em seg., 3 de mar. de 2025 às 10:14, Anna <a@b> escreveu:",
        "2025年3月3日(月) 10:14 Anna <a@b>:",
    ]

    @Test("a header after new text cuts the quote below it", arguments: headers)
    func header(_ header: String) {
        let reply = ReplyCleaner.clean(plain: "Thanks, that works.\n\n\(header)\n> Old message.\n> Second line.\n")
        #expect(reply.text == "Thanks, that works.")
        #expect(reply.quoted == "\(header)\n> Old message.\n> Second line.")
    }

    @Test("a header followed by an unquoted message (Yahoo, forwarded text) cuts everything below", arguments: headers.prefix(12))
    func headerWithUnquotedHistory(_ header: String) {
        let reply = ReplyCleaner.clean(plain: "New words.\n\n\(header)\n\nOld message, not quoted.\n")
        #expect(reply.text == "New words.")
        #expect(reply.quoted == "\(header)\n\nOld message, not quoted.")
    }

    @Test("headers wrapped over two or three lines by the mail program")
    func wrapped() {
        let twoLines = "Dzięki!\n\nW dniu pon., 3 mar 2025 o 10:14 Anna Nowak <\nanna.nowak@example.pl> napisał(a):\n\n> stare\n"
        #expect(ReplyCleaner.clean(plain: twoLines).text == "Dzięki!")
        let threeLines = "Merci.\n\nLe lun. 3 mars 2025 à 10:14, Boutique Parley\n<support@shop.example> a\nécrit :\n\nAncien message.\n"
        #expect(ReplyCleaner.clean(plain: threeLines).text == "Merci.")
    }

    @Test("a sentence with 'wrote:' in it is the customer's text")
    func wroteInSentence() {
        let texts = [
            "My colleague wrote: please send the invoice again.\nThanks",
            "Как я написал: нужен размер L.\nСпасибо",
            "On Monday my husband wrote:\nthe parcel was empty.",
            "I wrote: \"order 1043\" in the notes field.",
        ]
        for text in texts { #expect(ReplyCleaner.clean(plain: text) == CleanReply(text: text)) }
    }

    static let outlookBlocks = [
        "From: Parley Shop <s@shop.example>\nSent: Monday, March 3, 2025 10:14 AM\nTo: Anna <a@b.pl>\nSubject: Order",
        "Od: Parley Shop <s@shop.example>\nWysłano: poniedziałek, 3 marca 2025 10:14\nDo: Anna <a@b.pl>\nTemat: Zamówienie",
        "Von: Parley Shop <s@shop.example>\nGesendet: Montag, 3. März 2025 10:14\nAn: Anna <a@b.de>\nBetreff: Bestellung",
        "От: Parley Shop <s@shop.example>\nОтправлено: 3 марта 2025 г. 10:14\nКому: Anna <a@b.ru>\nТема: Заказ",
        "Από: Parley Shop <s@shop.example>\nΣτάλθηκε: Δευτέρα, 3 Μαρτίου 2025 10:14 πμ\nΠρος: Anna <a@b.gr>\nΘέμα: Παραγγελία",
        "De : Parley Shop <s@shop.example>\nEnvoyé : lundi 3 mars 2025 10:14\nÀ : Anna <a@b.fr>\nObjet : Commande",
        "Od: Parley Shop <s@shop.example>\nOdesláno: pondělí 3. března 2025 10:14\nKomu: Anna <a@b.cz>\nPředmět: Objednávka",
        "*From:* Parley Shop <s@shop.example>\n*Sent:* Monday, March 3, 2025 10:14 AM\n*To:* Anna <a@b.pl>\n*Subject:* Order",
        "________________________________\nFrom: Parley Shop <s@shop.example>\nSent: Monday, March 3, 2025 10:14 AM\nTo: Anna\nSubject: Order",
        "-----Original Message-----\nFrom: Parley Shop [mailto:s@shop.example]\nSent: Monday, March 3, 2025 10:14 AM",
        "-----Ursprüngliche Nachricht-----\nVon: Parley Shop",
        "-----Wiadomość oryginalna-----\nOd: Parley Shop",
        "-----Исходное сообщение-----\nОт: Parley Shop",
        "-------- Original message --------\nFrom: Parley Shop <s@shop.example>\nDate: 03/03/2025 10:14 (GMT+01:00)",
    ]

    @Test("Outlook header blocks and separators cut what follows", arguments: outlookBlocks)
    func outlook(_ block: String) {
        let reply = ReplyCleaner.clean(plain: "Proszę o fakturę.\n\nJan\n\n\(block)\n\nTreść poprzedniej wiadomości.\n")
        #expect(reply.text == "Proszę o fakturę.\n\nJan")
        #expect(reply.quoted?.hasSuffix("Treść poprzedniej wiadomości.") == true)
    }

    @Test("a From: line alone is not an Outlook block")
    func fromAlone() {
        let text = "From: my wife's account, sorry.\nTo: whom it may concern, the order is wrong."
        #expect(ReplyCleaner.clean(plain: text).text == text)
    }
}
