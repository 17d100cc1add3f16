import ParleyMail
import Testing

@Suite("MIME structure: which part is the body, which are attachments")
struct ParseStructureTests {
    @Test("Outlook: alternative inside mixed, PDF with an encoded name")
    func outlook() throws {
        let parsed = try MIMEFixture.parse("outlook-polish-iso8859-2.eml")
        #expect(parsed.html?.contains("<p>Dzień dobry,</p>") == true)
        #expect(parsed.attachments.map(\.contentType) == ["application/pdf"])
        #expect(parsed.attachments.first?.data == Array("%PDF-1.4 fake pdf\n".utf8))
        #expect(parsed.attachments.first?.isInline == false)
        #expect(parsed.to.first?.displayName == "Sklep Kubki")
        #expect(parsed.messageID == "AM0PR01MB1234C56D78E9F0A1B2C3D4E5F6@AM0PR01MB1234.eurprd01.prod.outlook.com")
        #expect(parsed.defects.isEmpty)
    }

    @Test("Gmail: Hindi bodies, reply ids, Cc list, attachment with a Content-ID")
    func gmail() throws {
        let hindi = try MIMEFixture.parse("gmail-hindi-base64.eml")
        #expect(hindi.html == "<div dir=\"ltr\">नमस्ते,<div><br></div><div>मेरा ऑर्डर #2042 अभी तक नहीं पहुँचा है।</div></div>\n")
        #expect(hindi.inReplyTo == ["order-2042.confirmation@kubki.example"])
        let russian = try MIMEFixture.parse("gmail-attachment-encoded-name.eml")
        #expect(russian.cc.map(\.addrSpec) == ["petr@gmail.example", "boss@kubki.example"])
        #expect(russian.attachments.first?.contentID == "f_lx1abc0")
        #expect(russian.attachments.first?.data == (0...255).map { UInt8($0) })
    }

    @Test("Apple Mail: text, image, text join into one body")
    func appleMail() throws {
        let parsed = try MIMEFixture.parse("applemail-text-image-text.eml")
        #expect(
            parsed.text
                == "Hi, this is the crack on the handle:\n\nAnd here it is from below. Can you send a new one?\n\nSent from my iPhone – Zoë\n"
        )
        #expect(parsed.attachments.map(\.filename) == ["IMG_0042.png"])
        #expect(parsed.attachments.first?.isInline == true)
    }

    @Test("three levels: mixed, related, alternative")
    func nested() throws {
        let parsed = try MIMEFixture.parse("nested-mixed-related-alternative.eml")
        #expect(parsed.html == "<p>Your invoice is attached. <img src=\"cid:logo@kubki\"></p>")
        #expect(parsed.attachments.map(\.contentType) == ["image/png", "application/pdf"])
        #expect(parsed.attachments.map(\.isInline) == [true, false])
        #expect(parsed.attachments.first?.contentID == "logo@kubki")
    }

    @Test("legacy single-part messages: KOI8-R, windows-1251 HTML only, Greek QP from an mbox file")
    func legacy() throws {
        let mailru = try MIMEFixture.parse("mailru-koi8r.eml")
        #expect(mailru.replyTo.first?.addrSpec == "anna.reply@mail.example")
        #expect(mailru.html == nil)
        let yandex = try MIMEFixture.parse("yandex-html-only-1251.eml")
        #expect(yandex.text == nil)
        #expect(yandex.html == "<html><body><div>Здравствуйте!</div><div>Хочу заказать ещё две кружки.</div></body></html>\n")
        let greek = try MIMEFixture.parse("oe-greek-iso8859-7.eml")
        #expect(greek.messageID == "000801c5a1b2$c3d4e5f0$0201a8c0@PC")
        #expect(greek.headers.fields.first?.name == "Message-ID")
    }

    @Test("a bounce gives its notice as text and its report as attachments")
    func bounce() throws {
        let parsed = try MIMEFixture.parse("postfix-bounce-dsn.eml")
        #expect(parsed.attachments.map(\.contentType) == ["message/delivery-status", "text/rfc822-headers"])
        #expect(String(decoding: parsed.attachments[0].data, as: UTF8.self).contains("Status: 5.4.4"))
    }

    @Test("a forwarded message is an attachment named after its subject")
    func forwarded() throws {
        let parsed = try MIMEFixture.parse("thunderbird-forward-rfc822.eml")
        #expect(parsed.text == "See the forwarded complaint below.\n")
        let forwarded = try #require(parsed.attachments.first)
        #expect(forwarded.contentType == "message/rfc822")
        #expect(forwarded.filename == "Reklamacja kubka Żółw.eml")
        #expect(MailParser.parse(forwarded.data).text == "Kubek przyszedł pęknięty.\n")
    }

    @Test("preamble, epilogue, boundary padding, a part without headers, no closing boundary")
    func brokenBoundaries() throws {
        let parsed = try MIMEFixture.parse("broken-boundaries.eml")
        #expect(parsed.text == "First part.\n\nSecond part has no headers.\n")
        #expect(parsed.attachments.first?.data == [0, 1, 2, 3, 4, 5])
        #expect(parsed.has(.closeBoundaryNotFound))
    }

    @Test("a truncated message keeps its text and what arrived of the attachment")
    func truncated() throws {
        let parsed = try MIMEFixture.parse("truncated-attachment.eml")
        #expect(parsed.subject == "Zdjęcia")
        #expect(parsed.attachments.first?.data.prefix(4) == [0xFF, 0xD8, 0xFF, 0xE0])
        #expect(parsed.has(.closeBoundaryNotFound))
    }

    @Test("a message that is only an attachment has no text; text/html alone gives only html")
    func singleParts() {
        let pdf = mail("Content-Type: application/pdf; name=a.pdf\nContent-Transfer-Encoding: base64\n\nJVBERg==\n")
        #expect(pdf.text == nil && pdf.html == nil)
        #expect(pdf.attachments.first?.filename == "a.pdf")
        let attachedText = mail("Content-Type: text/plain\nContent-Disposition: attachment; filename=notes.txt\n\nhello\n")
        #expect(attachedText.text == nil)
        #expect(attachedText.attachments.first?.filename == "notes.txt")
        let html = mail("Content-Type: text/html\n\n<meta charset=\"windows-1251\"><p>ok</p>\n")
        #expect(html.text == nil && html.html?.contains("<p>ok</p>") == true)
    }

    @Test("text parts sent with a file name are the body when nothing else is, and stay downloadable")
    func namedTextBody() {
        // As VM/mutt send it (CPython's test corpus, msg_04): the message itself is an inline file.
        let inline = mail(
            """
            Content-Type: multipart/mixed; boundary="h90"

            --h90
            Content-Type: text/plain
            Content-Disposition: inline;
            \tfilename="msg.txt"

            a simple kind of mirror
            --h90
            Content-Type: text/plain; name="log.txt"

            second file
            --h90--

            """)
        #expect(inline.text == "a simple kind of mirror")
        #expect(inline.attachments.map(\.filename) == ["msg.txt", "log.txt"])
        let withBody = mail(
            "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nHello\n--b\n"
                + "Content-Type: text/plain; name=log.txt\n\nsecond file\n--b--\n")
        #expect(withBody.text == "Hello")
        #expect(withBody.attachments.map(\.filename) == ["log.txt"])
        let empty = mail("Content-Type: multipart/mixed; boundary=b\n\n--b\n--b\n--b\nContent-Type: text/x-one\n\nBlah\n--b--\n")
        #expect(empty.text == "")
    }

    @Test("multipart/related uses its start parameter to find the root")
    func relatedStart() {
        let parsed = mail(
            "Content-Type: multipart/related; boundary=r; start=\"<root@x>\"\n\n--r\nContent-Type: image/gif\nContent-ID: <img@x>\n\nGIF\n--r\nContent-Type: text/html\nContent-ID: <root@x>\n\n<p>hi</p>\n--r--\n"
        )
        #expect(parsed.html == "<p>hi</p>")
        #expect(parsed.attachments.map(\.contentID) == ["img@x"])
    }

    @Test("8-bit text under US-ASCII, and an 8-bit body with no MIME headers")
    func undeclared() {
        let ascii = mail("Content-Type: text/plain; charset=us-ascii\n\nZoë and Łódź\n")
        #expect(ascii.text == "Zoë and Łódź\n")
        #expect(ascii.has(.undeclared8BitText))
        #expect(MailParser.parse(Array("Subject: x\n\nCaf".utf8) + [0xE9, 0x0A]).text == "Café\n")
        let invalid = MailParser.parse(Array("Content-Type: text/plain; charset=utf-8\n\nb".utf8) + [0xC3, 0x28])
        #expect(invalid.text == "b\u{FFFD}(")
        #expect(invalid.has(.invalidCharacters))
        let unknown = MailParser.parse(Array("Content-Type: text/plain; charset=x-mystery\n\nCaf".utf8) + [0xE9])
        #expect(unknown.text == "Café" && unknown.has(.unknownCharset))
        let sniffed = MailParser.parse(Array("Content-Type: text/html\n\n<meta charset=\"windows-1251\"><p>".utf8) + [0xCF, 0xF0, 0xE8])
        #expect(sniffed.html == "<meta charset=\"windows-1251\"><p>При")
    }
}
