import ParleyMail
import Testing

/// The expected values were produced once, at development time, by Python's `email` package
/// (`email.message_from_bytes(raw, policy=policy.default)`: `str(msg["subject"])` with whitespace collapsed,
/// `msg["from"].addresses[0]`, `msg.get_body(("plain",)).get_content()`, and `get_filename()` of every leaf),
/// an implementation independent of Parley's. `text` is nil where Python's answer is not the right one
/// (it does not undo format=flowed, joins no Apple Mail text parts and reads undeclared 8-bit as
/// replacement characters, and takes only the first of several inline text parts); `message/rfc822` parts are
/// left out because Parley names them from their Subject. Where Python gives no display name but the address
/// carries an old-style comment (`addr (Mail Delivery System)`), Parley's name is the comment.
@Suite("MIME parsing agrees with Python's email package")
struct ParsePythonCrossCheckTests {
    struct Expected: Sendable, CustomStringConvertible {
        var file: String
        var subject: String?
        var from: (address: String, name: String)?
        var text: String??
        var names: [String]
        var description: String { file }
    }

    static let cases: [Expected] = [
        .init(
            file: "applemail-text-image-text.eml", subject: "Cracked handle", from: ("zoe@icloud.example", "Zoë Martin"), text: nil,
            names: ["IMG_0042.png"]),
        .init(file: "broken-boundaries.eml", subject: "Broken", from: ("someone@example.com", ""), text: nil, names: ["data.bin"]),
        .init(
            file: "gmail-attachment-encoded-name.eml", subject: "Фото повреждения", from: ("anna.ivanova@gmail.example", "Анна Иванова"),
            text: "Здравствуйте! Прикладываю фото повреждения.\n", names: ["фото кружки.jpg"]),
        .init(
            file: "gmail-hindi-base64.eml", subject: "ऑर्डर #2042 कब पहुँचेगा?", from: ("priya.sharma@gmail.example", "प्रिया शर्मा"),
            text: "नमस्ते,\n\nमेरा ऑर्डर #2042 अभी तक नहीं पहुँचा है। कृपया बताएं कि यह कब तक आएगा।\n\nधन्यवाद,\nप्रिया शर्मा\n", names: []),
        .init(
            file: "mailru-koi8r.eml", subject: "Посылка пришла пустая", from: ("anna77@mail.example", "Анна Смирнова"),
            text: "Добрый день!\nПосылка пришла пустая. Верните, пожалуйста, деньги.\n--\nАнна\n", names: []),
        .init(
            file: "nested-mixed-related-alternative.eml", subject: "Your invoice", from: ("owner@kubki.example", "Shop Owner"),
            text: "Your invoice is attached.", names: ["invoice-1012.pdf"]),
        .init(
            file: "no-mime-8bit-utf8.eml", subject: "Pytanie o dostawę – Łódź", from: ("lukasz@wp.example", "Łukasz Wójcik"), text: nil,
            names: []),
        .init(
            file: "oe-greek-iso8859-7.eml", subject: "Ακύρωση παραγγελίας", from: ("giorgos@otenet.example", "Γιώργος Παπαδόπουλος"),
            text: "Καλημέρα σας,\n\nθα ήθελα να ακυρώσω την παραγγελία 1010. Ευχαριστώ!\n", names: []),
        .init(
            file: "outlook-polish-iso8859-2.eml", subject: "Zamówienie #1001 - stłuczony kubek",
            from: ("zofia.nowak@outlook.example", "Zofia Nowak"),
            text:
                "Dzień dobry,\n\nzamówiłam kubek 'Żółw' (zamówienie #1001), ale przyszedł stłuczony.\nCzy mogę prosić o wymianę?\n\nPozdrawiam\nZofia Nowak\n",
            names: ["Zdjęcie kubka.pdf"]),
        .init(
            file: "postfix-bounce-dsn.eml", subject: "Undelivered Mail Returned to Sender",
            from: ("MAILER-DAEMON@mx.kubki.example", "Mail Delivery System"),
            text: """
                This is the mail system at host mx.kubki.example.

                I'm sorry to have to inform you that your message could not
                be delivered to one or more recipients.

                <nobody@example.invalid>: Host or domain name not found.

                """, names: []),
        .init(
            file: "thunderbird-flowed-rfc2231.eml", subject: "Return of order 1003", from: ("jan.kowalski@poczta.example", "Jan Kowalski"),
            text: nil,
            names: ["Zwrot zamówienia 1003.txt"]),
        .init(
            file: "thunderbird-forward-rfc822.eml", subject: "Fwd: Reklamacja", from: ("marta@kubki.example", "Marta"),
            text: "See the forwarded complaint below.\n", names: []),
        .init(
            file: "truncated-attachment.eml", subject: "Zdjęcia", from: ("piotr@interia.example", "Piotr"), text: "W załączniku zdjęcia.\n",
            names: ["zdjecie.jpg"]),
        .init(
            file: "yandex-html-only-1251.eml", subject: "Дозаказ", from: ("oleg.petrov@yandex.example", "Олег Петров"), text: .some(nil),
            names: []),
    ]

    @Test("subject, sender, text and file names", arguments: cases)
    func agrees(expected: Expected) throws {
        let mail = try MIMEFixture.parse(expected.file)
        #expect(mail.subject == expected.subject)
        #expect(mail.from?.addrSpec == expected.from?.address)
        #expect((mail.from?.displayName ?? "") == (expected.from?.name ?? ""))
        if let text = expected.text { #expect(mail.text == text) }
        #expect(mail.attachments.filter { $0.contentType != "message/rfc822" }.compactMap(\.filename) == expected.names)
    }
}
