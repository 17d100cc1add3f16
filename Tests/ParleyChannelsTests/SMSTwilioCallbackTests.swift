import Foundation
import ParleyChannels
import ParleyCore
import Testing

/// Twilio's callbacks, signed as Twilio signs them: HMAC-SHA1 with the auth token over the URL and
/// the sorted POST fields, base64.
@Suite("SMS callbacks from Twilio")
struct SMSTwilioCallbackTests {
    static let token = "9f2c61a5b0e7d3c4"
    static let settings = SMSSettings(
        provider: "twilio", from: "+48221234567", username: "AC3f1c2a9d8e7b6a5f4e3d2c1b0a9f8e7d", secret: token)

    /// Signatures computed apart from Parley, with python's hmac module:
    /// `base64(hmac.new(token, url + "".join(k + v for k, v in sorted(set(parse_qsl(body)))), sha1))`.
    static func read(url: String, body: String, signature: String?, settings: SMSSettings = settings) throws -> SMSCallback {
        let headers = signature.map { ["X-Twilio-Signature": $0] } ?? [:]
        return try SMSCallbacks.read(
            provider: "twilio", settings: settings,
            request: SMSCallbackRequest(
                method: "POST", url: url, headers: headers.merging(["Content-Type": "application/x-www-form-urlencoded"]) { a, _ in a },
                body: Array(body.utf8)))
    }

    static let statusURL = "https://parley.example/hooks/sms/twilio/kubki?ref=msg_4GqT0xk"
    static let delivered =
        "SmsSid=SM5ef8731bd5a64ec39bd2b8ad4c9a1f2e&SmsStatus=delivered&MessageStatus=delivered&To=%2B48601234567"
        + "&MessageSid=SM5ef8731bd5a64ec39bd2b8ad4c9a1f2e&AccountSid=AC3f1c2a9d8e7b6a5f4e3d2c1b0a9f8e7d&From=%2B48221234567"
        + "&ApiVersion=2010-04-01"

    @Test("the signature example of Twilio's own helper libraries verifies, with and without the default port")
    func documentedExample() throws {
        // twilio-php's RequestValidatorTest: auth token 12345, a voice call's fields. It verifies, and
        // only then fails as not being a message.
        let url = "https://mycompany.com/myapp.php?foo=1&bar=2"
        let body = "CallSid=CA1234567890ABCDE&Caller=%2B14158675309&Digits=1234&From=%2B14158675309&To=%2B18005551212"
        let settings = SMSSettings(provider: "twilio", secret: "12345")
        for signature in ["RSOYDt4T1cUTdK1PDd93/VVr8B8=", "kvajT1Ptam85bY51eRf/AJRuM3w="] {
            let error = #expect(throws: SMSCallbackRejected.self) {
                try Self.read(url: url, body: body, signature: signature, settings: settings)
            }
            #expect(error?.reason == .unreadable, "\(signature)")
        }
        #expect(
            throws: SMSCallbackRejected(reason: .unverified, description: "the Twilio callback's X-Twilio-Signature is missing or wrong")
        ) {
            try Self.read(
                url: url, body: body.replacingOccurrences(of: "1234&", with: "9999&"), signature: "RSOYDt4T1cUTdK1PDd93/VVr8B8=",
                settings: settings)
        }
    }

    @Test("a genuine status callback reports delivery, with the reference from its URL")
    func delivered() throws {
        let callback = try Self.read(url: Self.statusURL, body: Self.delivered, signature: "NQs2a8WZcTsAzN4REpLpby+8alc=")
        #expect(
            callback
                == .delivery(
                    SMSDeliveryReport(
                        reference: "msg_4GqT0xk", providerMessageID: "SM5ef8731bd5a64ec39bd2b8ad4c9a1f2e", outcome: .delivered)))
    }

    @Test("an undelivered status carries Twilio's error code")
    func undelivered() throws {
        let body = "ErrorCode=30003&" + Self.delivered.replacingOccurrences(of: "=delivered", with: "=undelivered")
        let callback = try Self.read(url: Self.statusURL, body: body, signature: "qb9ka482qHu54bTKMYvtmD70mlk=")
        guard case .delivery(let report) = callback else { Issue.record("\(callback)"); return }
        #expect(report.outcome == .failed("undelivered: Twilio error 30003"))
    }

    @Test("a forged, altered, unsigned or replayed-elsewhere callback is rejected as unverified")
    func forgeries() {
        let cases: [(url: String, body: String, signature: String?)] = [
            (Self.statusURL, Self.delivered, nil),
            (Self.statusURL, Self.delivered, "NQs2a8WZcTsAzN4REpLpby+8alD="),
            (Self.statusURL, Self.delivered, "not base64 at all"),
            (Self.statusURL, Self.delivered.replacingOccurrences(of: "=delivered", with: "=failed"), "NQs2a8WZcTsAzN4REpLpby+8alc="),
            ("https://parley.example/hooks/sms/twilio/other-shop?ref=msg_4GqT0xk", Self.delivered, "NQs2a8WZcTsAzN4REpLpby+8alc="),
        ]
        for forged in cases {
            #expect(
                throws: SMSCallbackRejected(
                    reason: .unverified, description: "the Twilio callback's X-Twilio-Signature is missing or wrong")
            ) {
                try Self.read(url: forged.url, body: forged.body, signature: forged.signature)
            }
        }
        let otherToken = SMSSettings(provider: "twilio", secret: "another-token-123")
        #expect(throws: SMSCallbackRejected.self) {
            try Self.read(url: Self.statusURL, body: Self.delivered, signature: "NQs2a8WZcTsAzN4REpLpby+8alc=", settings: otherToken)
        }
    }

    @Test("an incoming message, as Twilio posts it to the messaging webhook")
    func inbound() throws {
        let body =
            "ToCountry=PL&ToState=&SmsMessageSid=SM9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d&NumMedia=0&ToCity=&FromZip="
            + "&SmsSid=SM9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d&FromState=&SmsStatus=received&FromCity=&Body=Dzi%C4%99kuj%C4%99%21+STOP"
            + "&FromCountry=PL&To=%2B48221234567&ToZip=&NumSegments=1&MessageSid=SM9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d"
            + "&AccountSid=AC3f1c2a9d8e7b6a5f4e3d2c1b0a9f8e7d&From=%2B48601234567&ApiVersion=2010-04-01"
        let callback = try Self.read(
            url: "https://parley.example/hooks/sms/twilio/kubki", body: body, signature: "Mm54HtprrWT6hnZxhlDlWOfyClE=")
        #expect(
            callback
                == .inbound(
                    InboundSMS(
                        from: "+48601234567", to: "+48221234567", body: "Dziękuję! STOP",
                        providerMessageID: "SM9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d")))
    }

    @Test("a shop whose provider is not Twilio, or without a token, takes no Twilio callbacks")
    func notTheShopsProvider() {
        for settings in [SMSSettings(provider: "kannel", secret: Self.token), SMSSettings(provider: "twilio")] {
            #expect(throws: SMSCallbackRejected.self) {
                try Self.read(url: Self.statusURL, body: Self.delivered, signature: "NQs2a8WZcTsAzN4REpLpby+8alc=", settings: settings)
            }
        }
    }
}
