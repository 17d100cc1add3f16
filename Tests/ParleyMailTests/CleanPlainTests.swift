import ParleyMail
import Testing

@Suite("Clean reply: plain-text structure")
struct CleanPlainTests {
    @Test("a message with no quote comes back unchanged")
    func noQuote() {
        let text = "Dzień dobry,\n\n\nproszę o zwrot za zamówienie 1043.\n  - koszulka M\n  - spodnie 32\n\nAnna Nowak"
        #expect(ReplyCleaner.clean(plain: text) == CleanReply(text: text))
    }

    @Test("CR LF, a byte order mark and trailing blank lines are normalised")
    func normalisation() {
        let reply = ReplyCleaner.clean(plain: "\u{FEFF}Hello   \r\nsecond line\r\n\r\n> quoted\r\n\r\n\r\n")
        #expect(reply == CleanReply(text: "Hello\nsecond line", quoted: "> quoted"))
    }

    @Test("interleaved answers are kept and the quoted questions dropped")
    func interleaved() {
        let text = """
            On Mon, 3 Mar 2025 at 10:14, Parley Shop <s@shop.example> wrote:
            > Which size would you like?

            L, please.

            > Should we send it to the same address?

            No, to ul. Długa 5, Kraków.

            >> Older quoted line
            > Anything else?

            That's all.
            """
        let reply = ReplyCleaner.clean(plain: text)
        #expect(reply.text == "L, please.\n\nNo, to ul. Długa 5, Kraków.\n\nThat's all.")
        #expect(reply.quoted?.hasPrefix("On Mon, 3 Mar 2025 at 10:14") == true)
        #expect(reply.quoted?.contains(">> Older quoted line") == true)
    }

    @Test("an intro above the header and answers below it are all kept")
    func answersInline() {
        let text = "Answers inline.\n\nOn 3/3/25 10:14 AM, Shop wrote:\n> Colour?\nBlue.\n> Size?\nM.\n"
        #expect(ReplyCleaner.clean(plain: text).text == "Answers inline.\n\nBlue.\n\nM.")
    }

    @Test("bottom posting keeps the text under the quote")
    func bottomPosting() {
        let text =
            "Am 03.03.2025 um 10:14 schrieb Parley Shop <s@shop.example>:\n> Ihre Bestellung ist unterwegs.\n\nDanke, aber die Adresse ist falsch.\n"
        let reply = ReplyCleaner.clean(plain: text)
        #expect(reply.text == "Danke, aber die Adresse ist falsch.")
        #expect(reply.quoted == "Am 03.03.2025 um 10:14 schrieb Parley Shop <s@shop.example>:\n> Ihre Bestellung ist unterwegs.")
    }

    @Test("quote markers with spaces and nesting are all quotes")
    func quoteMarkers() {
        let text = "Tak.\n > one\n> > two\n>>three\n   >four\n"
        #expect(ReplyCleaner.clean(plain: text) == CleanReply(text: "Tak.", quoted: "> one\n> > two\n>>three\n   >four"))
    }

    @Test("a message that is all quote falls back to the whole text")
    func allQuoted() {
        let onlyQuote = "> Your order has shipped.\n> Parley Shop"
        #expect(ReplyCleaner.clean(plain: onlyQuote) == CleanReply(text: onlyQuote))
        let headerAndQuote = "On Mon, 3 Mar 2025 at 10:14, Shop <s@shop.example> wrote:\n> Shipped.\n"
        #expect(ReplyCleaner.clean(plain: headerAndQuote).text == headerAndQuote.trimmingSuffixNewline)
        let outlookOnly = "-----Original Message-----\nFrom: Shop\nSent: Monday\nTo: Anna\nSubject: Order\n\nShipped."
        #expect(ReplyCleaner.clean(plain: outlookOnly).text == outlookOnly)
    }

    @Test("a forward with nothing written above it is content and kept whole")
    func forwardWithoutNote() {
        let text = """
            ---------- Forwarded message ---------
            From: Kurier DPD <info@dpd.example>
            Date: Mon, 3 Mar 2025 at 10:14
            Subject: Paczka zwrócona
            To: <anna@example.pl>

            Paczka 0012 wróciła do nadawcy.
            > cytat z wcześniejszej wiadomości
            """
        #expect(ReplyCleaner.clean(plain: text) == CleanReply(text: text))
    }

    @Test("a forward with a note keeps the note and puts the forward in quoted")
    func forwardWithNote() {
        let forwards = [
            "---------- Forwarded message ---------\nFrom: Kurier <k@dpd.example>\n\nPaczka wróciła.",
            "---------- Wiadomość przekazana dalej ---------\nOd: Kurier <k@dpd.example>\n\nPaczka wróciła.",
            "-------- Пересылаемое сообщение --------\n03.03.2025, 10:14, \"Курьер\" <k@dpd.example>:\n\nПосылка вернулась.",
            "-------- Forwarded Message --------\nSubject: Paczka\n\nPaczka wróciła.",
            "Begin forwarded message:\n\nFrom: Kurier <k@dpd.example>\n\nPaczka wróciła.",
        ]
        for forward in forwards {
            let reply = ReplyCleaner.clean(plain: "Zobaczcie poniżej, co przyszło od kuriera.\n\n" + forward)
            #expect(reply.text == "Zobaczcie poniżej, co przyszło od kuriera.")
            #expect(reply.quoted == forward)
        }
    }

    @Test("an unknown header format right above quoted lines is still recognised")
    func unknownHeaderFormat() {
        let text = "Cảm ơn!\n\nVào 10:14 Th 2, 3 thg 3, 2025 Parley Shop <s@shop.example> đã viết:\n> Đơn hàng đã gửi.\n"
        #expect(ReplyCleaner.clean(plain: text).text == "Cảm ơn!")
    }

    @Test("a sentence ending with a colon above a quote stays when it is not a header")
    func colonSentence() {
        let text = "You asked me this:\n> Which colour?\nRed.\n"
        #expect(ReplyCleaner.clean(plain: text).text == "You asked me this:\n\nRed.")
    }
}

extension String {
    fileprivate var trimmingSuffixNewline: String { hasSuffix("\n") ? String(dropLast()) : self }
}
