import ParleyMail
import Testing

@Suite("RFC 2047 encoded words in headers")
struct ParseEncodedWordTests {
    @Test(
        "B and Q words in any case, underscores, joins and mixed charsets",
        arguments: [
            ("=?UTF-8?Q?Zam=C3=B3wienie?= #1001", "Zamówienie #1001"),
            ("=?utf-8?q?zam=c3=b3wienie_nr_5?=", "zamówienie nr 5"),
            ("=?UTF-8?b?0J/RgNC40LLQtdGC?=", "Привет"),
            ("=?UTF-8?B?0J/RgNC4?=   \t =?UTF-8?B?0LLQtdGC?=", "Привет"),
            ("=?iso-8859-2?Q?=A3=F3d=BC?= =?koi8-r?B?8NLJ18XU?=", "ŁódźПривет"),
            ("Re: =?UTF-8?Q?Zam=C3=B3wienie?= and more", "Re: Zamówienie and more"),
            ("=?utf-8*pl?Q?Dzi=C4=99kuj=C4=99?=", "Dziękuję"),
            ("=?UTF-8?B?0J/RgNC40LLQtdGC?=", "Привет"),
            ("=?windows-1251?B?z/Do4uXy?=", "Привет"),
            ("=?UTF-8?B?4KSo4KSu4KS4?= =?UTF-8?B?4KWN4KSk4KWH?=", "नमस्ते"),
        ])
    func decodes(raw: String, decoded: String) {
        #expect(EncodedWord.decode(raw) == decoded)
    }

    @Test("a character split across two words of one charset")
    func splitCharacter() {
        // "ś" is C5 9B in UTF-8; each word alone is invalid.
        #expect(EncodedWord.decode("=?UTF-8?Q?Gr=C5?= =?UTF-8?Q?=9Bwiat?=") == "Grświat")
        #expect(EncodedWord.decode("=?UTF-8?B?xQ==?==?UTF-8?B?mw==?=") == "ś")
    }

    @Test("malformed words stay literal and are reported")
    func malformed() {
        #expect(EncodedWord.decode("=?UTF-8?X?abc?= ok") == "=?UTF-8?X?abc?= ok")
        #expect(EncodedWord.decode("=?UTF-8?B?not base64!?=") == "=?UTF-8?B?not base64!?=")
        #expect(EncodedWord.decode("=?UTF-8?Q?unterminated") == "=?UTF-8?Q?unterminated")
        #expect(EncodedWord.decode("price =?? 5") == "price =?? 5")
        let parsed = mail("Subject: =?UTF-8?B?@@@?= tail\n\nbody\n")
        #expect(parsed.subject == "=?UTF-8?B?@@@?= tail")
        #expect(parsed.has(.invalidEncodedWord))
    }

    @Test("a long run of broken words is read in linear time")
    func pathological() {
        let hostile = String(repeating: "=?x?Q?a", count: 50_000)
        let clock = ContinuousClock()
        let elapsed = clock.measure { #expect(EncodedWord.decode(hostile) == hostile) }
        #expect(elapsed < .seconds(5))
    }

    @Test("encoded words inside a quoted display name, as Outlook sends them")
    func insideQuotes() {
        let parsed = mail(
            "From: \"=?utf-8?B?0JDQvdC90LA=?= Smirnova\" <anna@mail.example>\nTo: \"=?iso-8859-2?Q?Nowak=2C_Zofia?=\" <z@example.pl>\n\nx\n"
        )
        #expect(parsed.from?.displayName == "Анна Smirnova")
        #expect(parsed.to.first?.displayName == "Nowak, Zofia")
        #expect(parsed.headers.first("from") == "\"Анна Smirnova\" <anna@mail.example>")
    }
}
