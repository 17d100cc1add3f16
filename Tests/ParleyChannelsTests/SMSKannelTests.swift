import Foundation
import ParleyChannels
import ParleyCore
import Testing

/// Kannel's sendsms interface against `Fixtures/sms_provider_fake.py`, and the callbacks Kannel makes
/// from the URLs Parley gave it.
@Suite("SMS through Kannel", .serialized)
struct SMSKannelTests {
    static let callbackURL = "https://parley.example/hooks/sms/kannel/kubki"
    /// hex HMAC-SHA256("fake-provider-secret-1", "parley-kannel-callback"), computed with python's hmac module.
    static let token = "fd734e112984e20c182c222eb56d012464228b18af9f1879bde0431805264e34"
    /// hex HMAC-SHA256("fake-provider-secret-1", "dlr:msg_4GqT0xk"): the delivery report token of that one message.
    static let reportToken = "6f869ba9ff3d0f392f415ede43158b9b72a34af3a40231d5b93f84d68f487e47"

    static func settings(_ fake: SMSProviderFake, password: String = SMSProviderFake.secret) -> SMSSettings {
        SMSSettings(provider: "kannel", from: "Kubki", url: fake.baseURL + "/cgi-bin/sendsms", username: "parley", secret: password)
    }

    static func send(_ fake: SMSProviderFake, _ sms: OutgoingSMS, password: String = SMSProviderFake.secret) async throws -> SMSReceipt {
        try await SMSProviders.transport(settings: settings(fake, password: password), callbackURL: callbackURL).send(sms)
    }

    static func callback(_ url: String, settings: SMSSettings) throws -> SMSCallback {
        try SMSCallbacks.read(
            provider: "kannel", settings: settings, request: SMSCallbackRequest(method: "GET", url: url, headers: [:], body: []))
    }

    @Test("a GSM-7 text is a GET with the credentials, UTF-8 text, no coding, and a dlr-url Kannel can fill in")
    func wireFormat() async throws {
        let fake = try await SMSProviderFake()
        defer { fake.stop() }
        let receipt = try await Self.send(
            fake, OutgoingSMS(to: "+48601234567", from: nil, body: "Paczka #1001 w drodze & jutro u Ciebie", reference: "msg_4GqT0xk"))
        #expect(receipt == SMSReceipt(providerMessageID: nil, response: "202 0: Accepted for delivery"))

        let request = try #require(try fake.requests().first)
        #expect(request.method == "GET" && request.path == "/cgi-bin/sendsms")
        #expect(
            request.query == [
                "username": "parley", "password": SMSProviderFake.secret, "from": "Kubki", "to": "+48601234567",
                "text": "Paczka #1001 w drodze & jutro u Ciebie", "charset": "UTF-8", "dlr-mask": "27",
                "dlr-url": "\(Self.callbackURL)?ref=msg_4GqT0xk&token=\(Self.reportToken)&status=%d&answer=%A",
            ])
        // The dlr-url travels percent-encoded whole, so its own `&` and `%d` reach Kannel as part of it.
        #expect(
            request.rawQuery.contains("&dlr-url=https%3A%2F%2Fparley.example%2Fhooks%2Fsms%2Fkannel%2Fkubki%3Fref%3Dmsg_4GqT0xk%26token%3D")
        )
        #expect(request.rawQuery.hasSuffix("%26status%3D%25d%26answer%3D%25A"))
        #expect(request.rawQuery.contains("&to=%2B48601234567&"))
    }

    @Test("Greek and Hindi go as UCS-2 (coding=2), intact", arguments: ["Το δέμα σας στάλθηκε σήμερα", "आपका पैकेज भेज दिया गया है"])
    func unicode(text: String) async throws {
        let fake = try await SMSProviderFake()
        defer { fake.stop() }
        _ = try await Self.send(fake, OutgoingSMS(to: "+306912345678", from: "+302101234567", body: text, reference: "msg_el"))
        let query = try #require(try fake.requests().first).query
        #expect(query["coding"] == "2" && query["charset"] == "UTF-8" && query["text"] == text && query["from"] == "+302101234567")
    }

    @Test("a wrong password waits for the shop to fix it and is not repeated in the error; a queued message is taken")
    func answers() async throws {
        let fake = try await SMSProviderFake()
        defer { fake.stop() }
        let wrong = "wrong-password-42"
        let error = await #expect(throws: TransportError.self) {
            try await Self.send(fake, OutgoingSMS(to: "+48601234567", from: nil, body: "Hej", reference: "msg_1"), password: wrong)
        }
        #expect(error == .temporary("Kannel answered 403: Authorization failed for sendsms"))
        let queued = try await Self.send(fake, OutgoingSMS(to: "+15005550503", from: nil, body: "Hej", reference: "msg_2"))
        #expect(queued.response == "503 3: Queued for later delivery")
    }

    @Test("the delivery reports Kannel makes from the dlr-url read back as the message's outcome")
    func deliveryReports() async throws {
        let fake = try await SMSProviderFake()
        defer { fake.stop() }
        _ = try await Self.send(fake, OutgoingSMS(to: "+48601234567", from: nil, body: "Hej", reference: "msg_4GqT0xk"))
        let dlrURL = try #require(try fake.requests().first?.query["dlr-url"])
        let settings = Self.settings(fake)
        func report(type: Int, answer: String) throws -> SMSCallback {
            // What Kannel does with the dlr-url: fill in %d and %A (URL-encoded), then GET it.
            let url = dlrURL.replacingOccurrences(of: "%d", with: String(type))
                .replacingOccurrences(of: "%A", with: answer.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
            return try Self.callback(url, settings: settings)
        }
        let smscAnswer = "id:4bd2e7 sub:001 dlvrd:000 submit date:2611301200 done date:2611301201 stat:UNDELIV err:001 text:Hej"
        #expect(
            try report(type: 1, answer: "")
                == .delivery(SMSDeliveryReport(reference: "msg_4GqT0xk", providerMessageID: nil, outcome: .delivered)))
        #expect(
            try report(type: 8, answer: "ACK/")
                == .delivery(SMSDeliveryReport(reference: "msg_4GqT0xk", providerMessageID: nil, outcome: .sent)))
        #expect(
            try report(type: 2, answer: smscAnswer)
                == .delivery(
                    SMSDeliveryReport(reference: "msg_4GqT0xk", providerMessageID: nil, outcome: .failed("not delivered: \(smscAnswer)"))))
        #expect(
            try report(type: 16, answer: "NACK/0x0000000b/Invalid Destination Address")
                == .delivery(
                    SMSDeliveryReport(
                        reference: "msg_4GqT0xk", providerMessageID: nil,
                        outcome: .failed("refused by the SMSC: NACK/0x0000000b/Invalid Destination Address"))))

        let forged = dlrURL.replacingOccurrences(of: Self.reportToken, with: String(Self.reportToken.reversed())).replacingOccurrences(
            of: "%d", with: "1")
        // A report URL seen for one message cannot report on another, and the texts' token (which
        // sits in Kannel's configuration) cannot report on any; a report URL cannot pass for a text.
        let otherMessage = dlrURL.replacingOccurrences(of: "msg_4GqT0xk", with: "msg_other").replacingOccurrences(of: "%d", with: "16")
        let textsToken = dlrURL.replacingOccurrences(of: Self.reportToken, with: Self.token).replacingOccurrences(of: "%d", with: "16")
        let asText = "\(Self.callbackURL)?token=\(Self.reportToken)&from=%2B48601234567&to=Kubki&text=STOP"
        for url in [forged, otherMessage, textsToken, asText, "\(Self.callbackURL)?ref=msg_4GqT0xk&status=1"] {
            let error = #expect(throws: SMSCallbackRejected.self, "\(url)") {
                try Self.callback(url, settings: settings)
            }
            #expect(error?.reason == .unverified)
        }
    }

    @Test("incoming texts through the sms-service get-url: UTF-8, and UCS-2 as Kannel's UTF-16BE bytes")
    func inbound() throws {
        let settings = SMSSettings(
            provider: "kannel", url: "http://127.0.0.1:13013/cgi-bin/sendsms", username: "parley", secret: SMSProviderFake.secret)
        let getURL = SMSCallbacks.kannelServiceURL(callbackURL: Self.callbackURL, secret: SMSProviderFake.secret)
        #expect(getURL == "\(Self.callbackURL)?token=\(Self.token)&from=%p&to=%P&text=%b&charset=%C")
        func received(text: String, charset: String) throws -> SMSCallback {
            let url = getURL.replacingOccurrences(of: "%p", with: "%2B306912345678").replacingOccurrences(of: "%P", with: "%2B302101234567")
                .replacingOccurrences(of: "%C", with: charset).replacingOccurrences(of: "%b", with: text)
            return try Self.callback(url, settings: settings)
        }
        #expect(
            try received(text: "Dzi%C4%99kuj%C4%99+bardzo", charset: "UTF-8")
                == .inbound(InboundSMS(from: "+306912345678", to: "+302101234567", body: "Dziękuję bardzo", providerMessageID: nil)))
        // "Ευχαριστώ" in UTF-16BE.
        let utf16 = "Ευχαριστώ".utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }.map { String(format: "%%%02X", $0) }.joined()
        #expect(
            try received(text: utf16, charset: "UTF-16BE")
                == .inbound(InboundSMS(from: "+306912345678", to: "+302101234567", body: "Ευχαριστώ", providerMessageID: nil)))
    }
}
