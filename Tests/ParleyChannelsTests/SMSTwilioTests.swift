import Foundation
import ParleyChannels
import ParleyCore
import Testing

/// Twilio's Messages API, against `Fixtures/sms_provider_fake.py`.
@Suite("SMS through Twilio", .serialized)
struct SMSTwilioTests {
    static let accountSID = "AC3f1c2a9d8e7b6a5f4e3d2c1b0a9f8e7d"
    static let callbackURL = "https://parley.example/hooks/sms/twilio/kubki"

    func transport(_ fake: SMSProviderFake, token: String = SMSProviderFake.secret) throws -> any SMSTransport {
        try SMSProviders.transport(
            settings: SMSSettings(provider: "twilio", from: "+48221234567", url: fake.baseURL, username: Self.accountSID, secret: token),
            callbackURL: Self.callbackURL)
    }

    @Test("a message is a form POST to the account's Messages.json with Basic auth and a status callback naming it")
    func wireFormat() async throws {
        let fake = try await SMSProviderFake()
        defer { fake.stop() }
        let receipt = try await transport(fake).send(
            OutgoingSMS(to: "+48601234567", from: nil, body: "Zamówienie #1001 w drodze: DHL & więcej", reference: "msg_4GqT0xk"))
        #expect(receipt == SMSReceipt(providerMessageID: "SM00000000000000000000000000000001", response: "201 queued"))

        let request = try #require(try fake.requests().first)
        #expect(request.method == "POST")
        #expect(request.path == "/2010-04-01/Accounts/\(Self.accountSID)/Messages.json")
        let credentials = Data("\(Self.accountSID):\(SMSProviderFake.secret)".utf8).base64EncodedString()
        #expect(request.headers["authorization"] == "Basic \(credentials)")
        #expect(request.headers["content-type"] == "application/x-www-form-urlencoded")
        #expect(
            request.form == [
                "To": "+48601234567", "From": "+48221234567", "Body": "Zamówienie #1001 w drodze: DHL & więcej",
                "StatusCallback": "\(Self.callbackURL)?ref=msg_4GqT0xk",
            ])
        // A `+` left bare would reach Twilio as a space.
        #expect(request.body.hasPrefix("To=%2B48601234567&From=%2B48221234567&Body=Zam%C3%B3wienie%20%231001"))
    }

    @Test("a Messaging Service SID as the sender is sent as MessagingServiceSid")
    func messagingService() async throws {
        let fake = try await SMSProviderFake()
        defer { fake.stop() }
        let service = "MG" + String(repeating: "a1", count: 16)
        _ = try await transport(fake).send(OutgoingSMS(to: "+48601234567", from: service, body: "Hej", reference: "msg_2"))
        let form = try #require(try fake.requests().first).form
        #expect(form["MessagingServiceSid"] == service && form["From"] == nil)
    }

    @Test("an invalid number is permanent with Twilio's code; wrong credentials and 429 are temporary; the token is never shown")
    func errors() async throws {
        let fake = try await SMSProviderFake()
        defer { fake.stop() }
        await #expect(
            throws: TransportError.permanent("Twilio error 21211 (HTTP 400): The 'To' number +15005550001 is not a valid phone number.")
        ) {
            try await transport(fake).send(OutgoingSMS(to: "+15005550001", from: nil, body: "Hej", reference: "msg_3"))
        }
        await #expect(throws: TransportError.temporary("Twilio error 20429 (HTTP 429): Too Many Requests")) {
            try await transport(fake).send(OutgoingSMS(to: "+15005550429", from: nil, body: "Hej", reference: "msg_4"))
        }
        let wrongToken = "wrong-token-5678"
        let error = await #expect(throws: TransportError.self) {
            try await transport(fake, token: wrongToken).send(OutgoingSMS(to: "+48601234567", from: nil, body: "Hej", reference: "msg_5"))
        }
        #expect(error == .temporary("Twilio error 20003 (HTTP 401): Authenticate"))
        #expect(!"\(String(describing: error))".contains(wrongToken))
    }

    @Test("nobody listening is temporary")
    func nobodyListening() async throws {
        let transport = try SMSProviders.transport(
            settings: SMSSettings(
                provider: "twilio", from: "+48221234567", url: "http://127.0.0.1:1", username: Self.accountSID, secret: "t"),
            callbackURL: Self.callbackURL, timeout: .seconds(1))
        let error = await #expect(throws: TransportError.self) {
            try await transport.send(OutgoingSMS(to: "+48601234567", from: nil, body: "Hej", reference: "msg_6"))
        }
        guard case .temporary(let reason) = error else {
            Issue.record("expected a temporary failure, got \(String(describing: error))"); return
        }
        #expect(reason.hasPrefix("cannot reach Twilio at 127.0.0.1:1"))
    }
}
