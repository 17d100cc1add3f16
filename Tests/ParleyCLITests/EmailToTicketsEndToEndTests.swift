import Foundation
import NIOHTTP1
import ParleyStore
import ParleyTestSupport
import Testing

/// Issue 4 as a shop would see it: a mailbox of real-world messages in the seed languages and legacy
/// charsets reaches `parley serve` by its SMTP listener, `parley mailgate` and the API, and lands as
/// the right conversations; agents' replies go out through a real SMTP server (aiosmtpd) and the
/// customers' answers thread back.
@Suite("Email to tickets end to end", .serialized, .timeLimit(.minutes(10)))
struct EmailToTicketsEndToEndTests {
    static let auth = ("Authorization", "Bearer ")

    /// A mail the outgoing sink took, as Python's `email` package read it.
    static func sent(_ sink: PythonFixture) async throws -> [[String: String]] {
        let files = sink.files(withExtension: ".eml")
        guard !files.isEmpty else { return [] }
        let data = try await ChildProcess.python(EmailInboundPaths.fixtures.appendingPathComponent("mail_json.py").path, files.map(\.path))
        let mails = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] ?? []
        return mails.map { $0.compactMapValues { ($0 as? [String])?.joined(separator: ",") ?? $0 as? String } }
    }

    @Test(
        "a multilingual mailbox through SMTP, mailgate and the API lands as the right conversations, and replies thread back",
        arguments: TestDatabase.available)
    func mailbox(kind: TestDatabase) async throws {
        try await kind.withFresh { _, location in
            let dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("parley-e2e-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: dataDir) }
            let store = ["--data-dir", dataDir, "--database-url", location.url]
            #expect(
                try await CommandLineTests.parley(["shop", "create", "kubki", "--name", "Kubki", "--locale", "pl"] + store).status == 0)
            #expect(
                try await CommandLineTests.parley(
                    [
                        "shop", "set", "kubki", "support.email=sklep@kubki.example", "email.from=Kubki <sklep@kubki.example>",
                        "sla.first_response=4h",
                    ] + store
                ).status == 0)
            let key = try await CommandLineTests.apiKey(shop: "kubki", store: store)
            let (server, sink, smtpPort) = try await ParleyServer.startWithMail(store)
            defer { sink.stop() }
            defer { server.stop() }
            let inbox = EmailInboundPaths(server: server, key: key, smtpPort: smtpPort)
            let live = try await LiveEvents.listen(base: server.base, key: key)
            defer { live.stop() }

            // New questions, one per path and language.
            #expect(
                try await inbox.smtp(
                    try EmailInboundPaths.fixture("01-pl-thunderbird-iso-8859-2.eml"),
                    from: "zofia.nowak@example.pl", to: "sklep@kubki.example") == 250)
            #expect(try await inbox.smtp([0x48, 0x69], from: "a@example.pl", to: "nobody@elsewhere.example") == 0)
            #expect(
                try await inbox.mailgate(
                    try EmailInboundPaths.fixture("02-ru-thebat-koi8-r.eml"),
                    sender: "ivan.petrov@example.ru", recipient: "sklep@kubki.example") == 0)
            for name in [
                "03-el-outlook-windows-1253.eml", "04-hi-gmail-utf-8.eml", "05-en-applemail-attachment.eml",
                "06-newsletter-list.eml", "07-pl-malformed.eml",
            ] {
                #expect(try await inbox.api(try EmailInboundPaths.fixture(name)).status == .accepted)
            }
            #expect(try await eventually { try await inbox.conversations().count == 7 })
            let conversations = try await inbox.conversations()
            // Agents' screens heard of each new conversation as it was filed.
            #expect(await eventually { live.events.filter { $0.event == "conversation.created" }.count == 7 })
            #expect(
                Set(live.events.compactMap { $0.event == "conversation.created" ? $0.data["conversation"] : nil })
                    == Set(conversations.compactMap { $0["id"] as? String }))
            func conversation(_ subject: String) throws -> [String: Any] {
                try #require(conversations.first { $0["subject"] as? String == subject }, "no conversation \(subject)")
            }
            let expected: [(subject: String, text: String)] = [
                ("Gdzie jest moja paczka? Zamówienie 1042", "zamówiłam kubek \"Żółw\" tydzień temu i wciąż nie dotarł."),
                ("Возврат товара", "можно ли вернуть кружку, если она пришла с трещиной?"),
                ("Αλλαγή διεύθυνσης", "θα ήθελα να αλλάξω τη διεύθυνση αποστολής της παραγγελίας μου."),
                ("ऑर्डर कब आएगा?", "मेरा ऑर्डर 1077 अभी तक नहीं पहुँचा है।"),
                ("Invoice for order 1099 is wrong", "the invoice for order 1099 shows the wrong VAT number."),
                ("Reklamacja kubka", "Kubek przyszed"),
            ]
            for (subject, text) in expected {
                let first = try #require(try await inbox.messages(try conversation(subject)["id"] as? String ?? "").first)
                #expect((first["text"] as? String)?.contains(text) == true, "\(subject): \(first["text"] ?? "")")
                #expect(first["original"] as? String != nil)
            }

            // Each person got one acknowledgement with the ticket number and the response time; the newsletter none.
            #expect(try await eventually { try await Self.sent(sink).count == 6 })
            let acknowledgements = try await Self.sent(sink)
            #expect(!acknowledgements.contains { $0["rcpt_tos"]?.contains("packaging-news") == true })
            let zofia = try conversation("Gdzie jest moja paczka? Zamówienie 1042")
            let zofiaID = try #require(zofia["id"] as? String)
            let zofiaNumber = try #require(zofia["number"] as? Int)
            let toZofia = try #require(acknowledgements.first { $0["rcpt_tos"] == "zofia.nowak@example.pl" })
            #expect(toZofia["subject"] == "Re: [#\(zofiaNumber)] Gdzie jest moja paczka? Zamówienie 1042")
            #expect(toZofia["text"]?.contains("w ciągu 4 godzin") == true)
            #expect(toZofia["auto_submitted"] == "auto-replied")
            #expect(toZofia["in_reply_to"] == "<6f1b2c3d-zofia-1@example.pl>")
            // The promise told to her is the first-response target her conversation now counts down to.
            let zofiaSLA = try #require(zofia["sla"] as? [String: Any])
            let zofiaDue = try #require((zofiaSLA["due"] as? [[String: Any]])?.first)
            #expect(zofiaDue["target"] as? String == "first_response" && zofiaDue["breached"] as? Bool == false)
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            func instant(_ value: Any?) -> Date? {
                (value as? String).flatMap { formatter.date(from: $0) ?? ISO8601DateFormatter().date(from: $0) }
            }
            let started = try #require(instant(zofiaDue["started_at"]))
            #expect(instant(zofiaDue["due_at"]).map { abs($0.timeIntervalSince(started) - 4 * 3600) < 1 } == true)

            // The attachment downloads byte for byte, under its Polish name; the malformed mail keeps its original.
            let jane = try await inbox.messages(try conversation("Invoice for order 1099 is wrong")["id"] as? String ?? "")
            let attachment = try #require((jane.first?["attachments"] as? [[String: Any]])?.first)
            #expect(attachment["filename"] as? String == "Faktura żółta.pdf")
            let pdf = try await inbox.download(attachment["url"] as? String ?? "")
            #expect(pdf.body.starts(with: Array("%PDF-1.4".utf8)))
            #expect(pdf.headers.first(name: "Content-Disposition")?.hasPrefix("attachment") == true)
            let broken = try await inbox.messages(try conversation("Reklamacja kubka")["id"] as? String ?? "")
            let original = try await inbox.download(broken.first?["original"] as? String ?? "")
            #expect(original.body == (try EmailInboundPaths.fixture("07-pl-malformed.eml")))

            // Jane's address no longer exists: Gmail's bounce of her acknowledgement marks it bounced, in her conversation.
            let janeID = try #require(try conversation("Invoice for order 1099 is wrong")["id"] as? String)
            let toJane = try #require(acknowledgements.first { $0["rcpt_tos"] == "jane@example.com" })
            let janeAckID = try #require(toJane["message_id"]?.trimmingCharacters(in: CharacterSet(charactersIn: "<>")))
            #expect(
                try await inbox.smtp(
                    try EmailInboundPaths.fixture("12-bounce-gmail.eml", ["MESSAGE_ID": janeAckID]), from: "",
                    to: "sklep@kubki.example") == 250)
            #expect(try await eventually { try await inbox.messages(janeID).count == 3 })
            let janeThread = try await inbox.messages(janeID)
            let bounced = try #require(janeThread.first { $0["kind"] as? String == "auto_reply" }?["delivery"] as? [String: Any])
            #expect(bounced["status"] as? String == "bounced")
            #expect((bounced["error"] as? String)?.contains("5.1.1") == true)
            #expect(janeThread.last?["machine"] as? String == "bounce")
            // Her address does not exist: automatic mail to it stops until an agent lifts it.
            let suppressions = try await server.call(.GET, "/api/v1/suppressions", headers: [("Authorization", "Bearer \(key)")])
            #expect((suppressions.json["data"] as? [[String: Any]])?.compactMap { $0["address"] as? String } == ["jane@example.com"])
            let lifted = try await server.call(
                .DELETE, "/api/v1/suppressions/jane@example.com", headers: [("Authorization", "Bearer \(key)")])
            #expect(lifted.status == .noContent)

            // The agent answers Zofia; her Outlook reply comes back by SMTP into the same conversation.
            let reply = try await server.call(
                .POST, "/api/v1/conversations/\(zofiaID)/replies", headers: [("Authorization", "Bearer \(key)")],
                body: #"{"text":"Dzień dobry, paczka jest w drodze i dotrze jutro."}"#)
            #expect(reply.status == .created)
            #expect(try await eventually { try await Self.sent(sink).count == 7 })
            let answer = try #require(try await Self.sent(sink).last)
            #expect(answer["subject"] == "Re: [#\(zofiaNumber)] Gdzie jest moja paczka? Zamówienie 1042")
            #expect(answer["auto_submitted"] == "")
            let replyTo = try #require(
                answer["reply_to"]?.split(separator: "<").last?.trimmingCharacters(in: CharacterSet(charactersIn: "<> ")))
            #expect(replyTo.hasPrefix("sklep+") && replyTo.hasSuffix("@kubki.example"))
            let answerID = try #require(answer["message_id"]?.trimmingCharacters(in: CharacterSet(charactersIn: "<>")))
            let answered = try await inbox.get("/api/v1/conversations/\(zofiaID)")
            #expect(answered["status"] as? String == "pending")
            let achieved = try #require(((answered["sla"] as? [String: Any])?["achieved"] as? [[String: Any]])?.first)
            #expect(achieved["target"] as? String == "first_response" && achieved["breached"] as? Bool == false)
            #expect(
                try await inbox.smtp(
                    try EmailInboundPaths.fixture(
                        "08-pl-reply-outlook-windows-1250.eml",
                        ["NUMBER": String(zofiaNumber), "IN_REPLY_TO": answerID, "REPLY_TO": replyTo]),
                    from: "zofia.nowak@example.pl", to: replyTo) == 250)
            #expect(try await eventually { try await inbox.messages(zofiaID).count == 4 })
            #expect(
                await eventually {
                    live.events.contains { $0.event == "message.created" && $0.data["conversation"] == zofiaID }
                })
            let back = try #require(try await inbox.messages(zofiaID).last)
            #expect(back["text"] as? String == "Dziękuję, paczka właśnie dotarła!\n\nZofia")
            #expect(back["threading"] as? String == "reply_address" || back["threading"] as? String == "replyAddress")
            #expect(try await inbox.get("/api/v1/conversations/\(zofiaID)")["status"] as? String == "open")

            // Resolved; her out-of-office joins without reopening and without an acknowledgement.
            #expect(
                try await server.call(
                    .PATCH, "/api/v1/conversations/\(zofiaID)", headers: [("Authorization", "Bearer \(key)")],
                    body: #"{"status":"resolved"}"#
                ).status == .ok)
            #expect(
                try await inbox.api(
                    try EmailInboundPaths.fixture("09-pl-out-of-office.eml", ["NUMBER": String(zofiaNumber), "IN_REPLY_TO": answerID])
                ).status == .accepted)
            #expect(try await eventually { try await inbox.messages(zofiaID).count == 5 })
            #expect(try await inbox.get("/api/v1/conversations/\(zofiaID)")["status"] as? String == "resolved")

            // Ivan's Yandex answer lost its In-Reply-To: the [#N] brings it home; a stranger's [#N] opens its own, flagged.
            let ivan = try conversation("Возврат товара")
            let ivanID = try #require(ivan["id"] as? String)
            let ivanNumber = String(try #require(ivan["number"] as? Int))
            #expect(
                try await inbox.mailgate(
                    try EmailInboundPaths.fixture("10-ru-reply-yandex-windows-1251.eml", ["NUMBER": ivanNumber]),
                    sender: "ivan.petrov@example.ru", recipient: "sklep@kubki.example") == 0)
            #expect(
                try await inbox.api(try EmailInboundPaths.fixture("11-stranger-with-token.eml", ["NUMBER": ivanNumber])).status
                    == .accepted)
            #expect(try await eventually { try await inbox.conversations().count == 8 })
            let ivanMessages = try await inbox.messages(ivanID)
            #expect(ivanMessages.last?["text"] as? String == "Спасибо, отправлю кружку обратно завтра.")
            let stranger = try #require(try await inbox.conversations().first)
            #expect(stranger["subject"] as? String == "[#\(ivanNumber)] Please send me the order details")
            let strangerMessage = try await inbox.messages(stranger["id"] as? String ?? "").first
            #expect(strangerMessage?["flag"] as? String == "unknown_sender:\(ivanID)")
            try await Task.sleep(for: .seconds(1))
            // Ivan's answer and the out-of-office got no acknowledgement; the stranger, a new conversation, did.
            #expect(try await Self.sent(sink).count == 8)

            // A relay that cannot reach Parley keeps the mail for later: mailgate says EX_TEMPFAIL.
            #expect(
                try await inbox.mailgate(
                    [0x48], sender: "a@b.pl", recipient: "sklep@kubki.example",
                    url: "http://127.0.0.1:\(FreePort.pick())") == 75)
        }
    }
}
