import Foundation
import ParleyMail
import Testing

@Suite("Addresses, message ids, dates and raw header bytes")
struct ParseHeaderFieldTests {
    @Test(
        "From as real mail writes it",
        arguments: [
            ("\"Nowak, Zofia\" <Zofia.Nowak@Example.PL>", "Zofia.Nowak@example.pl", "Nowak, Zofia"),
            ("zofia@example.pl", "zofia@example.pl", nil),
            ("<zofia@example.pl>", "zofia@example.pl", nil),
            ("zofia@example.pl (Zofia Nowak)", "zofia@example.pl", "Zofia Nowak"),
            ("Zofia Nowak zofia@example.pl", "zofia@example.pl", "Zofia Nowak"),
            ("=?UTF-8?B?0JDQvdC90LA=?= <anna@mail.example>", "anna@mail.example", "Анна"),
            ("Zofia (sklep) Nowak <zofia@example.pl>", "zofia@example.pl", "Zofia Nowak"),
            ("\"zofia@example.pl\" <zofia@example.pl>", "zofia@example.pl", "zofia@example.pl"),
            ("Zofia <mailto:zofia@example.pl>", "zofia@example.pl", "Zofia"),
            ("Zofia <zofia@example.pl.>", "zofia@example.pl", "Zofia"),
            ("taro..yamada@docomo.example", "\"taro..yamada\"@docomo.example", nil),
        ])
    func from(raw: String, address: String, name: String?) {
        let parsed = mail("From: \(raw)\n\nx\n")
        #expect(parsed.from?.addrSpec == address)
        #expect(parsed.from?.displayName == name)
    }

    @Test("To and Cc lists with groups, quoted commas and junk")
    func lists() {
        let parsed = mail(
            """
            To: "Nowak, Zofia" <z@example.pl>, Jan <jan@example.pl>,
             Team: a@example.com, b@example.com;, not an address
            Cc: undisclosed-recipients:;
            Reply-To: =?koi8-r?B?4c7OwQ==?= <anna@mail.example>

            x
            """)
        #expect(parsed.to.map(\.addrSpec) == ["z@example.pl", "jan@example.pl", "a@example.com", "b@example.com"])
        #expect(parsed.cc.isEmpty)
        #expect(parsed.replyTo.first?.displayName == "Анна")
        #expect(parsed.has(.invalidAddress))
    }

    @Test("message ids without brackets, junk between them tolerated")
    func messageIDs() {
        let parsed = mail(
            """
            Message-ID: <abc.123@example.com>
            In-Reply-To: <a@x.example> (Zofia's message of "Tue, 3 Jun 2025")
            References: <a@x.example>
             <b@y.example> <c@z.example>
            References: <d@w.example>

            x
            """)
        #expect(parsed.messageID == "abc.123@example.com")
        #expect(parsed.inReplyTo == ["a@x.example"])
        #expect(parsed.references == ["a@x.example", "b@y.example", "c@z.example", "d@w.example"])
        #expect(mail("Message-ID: bare@example.com\n\nx").messageID == "bare@example.com")
        #expect(mail("In-Reply-To: Your message of Tue, 3 Jun 2025 <x@y.example>\n\nx").inReplyTo == ["x@y.example"])
    }

    @Test(
        "dates, including obsolete forms",
        arguments: [
            ("Tue, 3 Jun 2025 09:14:22 +0200", 1_748_934_862),
            ("Tue, 03 Jun 2025 09:14:22 +0200 (CEST)", 1_748_934_862),
            ("3 Jun 2025 07:14:22 GMT", 1_748_934_862),
            ("Tue, 3 Jun 25 07:14:22 UT", 1_748_934_862),
            ("Tue, 3 Jun 2025 03:14:22 EDT", 1_748_934_862),
            ("Tue, 3 Jun 2025 07:14 +0000", 1_748_934_840),
            ("Tue Jun  3 07:14:22 2025", 1_748_934_862),
            ("Thu, 12 Jun 99 10:11 EST", 929_200_260),
            ("(comment) Tue, 3 (more) Jun 2025 12:44:22 +0530", 1_748_934_862),
            ("TUE, 3 JUNE 2025 00:14:22 -0700", 1_748_934_862),
            ("Tuesday,\r\n 3 Jun 2025 09:14:22 +02:00", 1_748_934_862),
            ("3 Jun 2025", 1_748_908_800),
        ])
    func dates(raw: String, epoch: Int) {
        #expect(mail("Date: \(raw)\n\nx").date == Date(timeIntervalSince1970: TimeInterval(epoch)))
    }

    @Test("an unreadable date is nil and reported")
    func badDate() {
        let parsed = mail("Date: sometime last week\n\nx")
        #expect(parsed.date == nil)
        #expect(parsed.has(.invalidDate))
        for raw in ["Tue, 31 Feb", "Tue, 3 Jun 2025 25:14:22 +0200", "3 Jun"] {
            #expect(mail("Date: \(raw)\n\nx").date == nil, "\(raw)")
        }
    }

    @Test("raw 8-bit headers: UTF-8 when valid, else the body's charset")
    func raw8Bit() throws {
        let bat = try MIMEFixture.parse("thebat-raw-1251-headers.eml")
        #expect(bat.subject == "Счёт на заказ 1007")
        #expect(bat.from?.displayName == "Олег Петров")
        #expect(bat.headers.first("Organization") == "ООО \"Кружка\"")
        #expect(bat.has(.undeclared8BitHeader))
        let utf8 = try MIMEFixture.parse("no-mime-8bit-utf8.eml")
        #expect(utf8.subject == "Pytanie o dostawę – Łódź")
        #expect(utf8.text == "Czy wysyłacie do Łodzi paczkomatem? Zależy mi na czasie.\nŁukasz\n")
        // No charset anywhere: windows-1252.
        #expect(MailParser.parse(Array("Subject: Caf".utf8) + [0xE9] + Array("\n\nx".utf8)).subject == "Café")
    }

    @Test("headers keep order and case-insensitive lookups; folding is undone")
    func headerBlock() {
        let parsed = mail("Received: one\nreceived: two\nSubject: a\n  long\tsubject \nX-Empty:\n\nbody")
        #expect(parsed.headers.all("RECEIVED") == ["one", "two"])
        #expect(parsed.headers.fields.first { $0.name == "Subject" }?.rawValue == "a  long\tsubject")
        #expect(parsed.subject == "a long subject")
        #expect(parsed.headers.contains("x-empty"))
        #expect(!parsed.headers.contains("Cc"))
    }
}
