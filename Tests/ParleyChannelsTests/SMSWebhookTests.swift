import Foundation
import ParleyChannels
import ParleyCore
import Testing

/// The generic JSON webhook against `Fixtures/sms_provider_fake.py`, which checks the signature with
/// python's own HMAC, and the callbacks a gateway sends back.
@Suite("SMS through a webhook", .serialized)
struct SMSWebhookTests {
    static let callbackURL = "https://parley.example/hooks/sms/webhook/kubki"

    static func send(_ fake: SMSProviderFake, _ sms: OutgoingSMS) async throws -> SMSReceipt {
        let settings = SMSSettings(
            provider: "webhook", from: "+48221234567", url: fake.baseURL + "/webhook", secret: SMSProviderFake.secret)
        return try await SMSProviders.transport(settings: settings, callbackURL: callbackURL).send(sms)
    }

    @Test("a message is a signed JSON POST; the gateway's id becomes the provider id")
    func wireFormat() async throws {
        let fake = try await SMSProviderFake()
        defer { fake.stop() }
        let receipt = try await Self.send(
            fake, OutgoingSMS(to: "+48601234567", from: nil, body: "Paczka \"1001\" już jedzie 📦", reference: "msg_4GqT0xk"))
        #expect(receipt == SMSReceipt(providerMessageID: "wh-1", response: "200 {\"id\": \"wh-1\"}"))

        let request = try #require(try fake.requests().first)
        #expect(request.method == "POST" && request.path == "/webhook")
        #expect(request.headers["content-type"] == "application/json")
        #expect(request.signatureValid == true)
        #expect(
            request.body
                == #"{"body":"Paczka \"1001\" już jedzie 📦","from":"+48221234567","reference":"msg_4GqT0xk","#
                + #""status_callback":"https://parley.example/hooks/sms/webhook/kubki","to":"+48601234567"}"#)
    }

    @Test("a 4xx refusal is permanent, a 5xx temporary")
    func errors() async throws {
        let fake = try await SMSProviderFake()
        defer { fake.stop() }
        await #expect(throws: TransportError.permanent(#"the SMS webhook answered 422: {"error": "invalid number"}"#)) {
            try await Self.send(fake, OutgoingSMS(to: "+15005550001", from: nil, body: "Hej", reference: "msg_1"))
        }
        await #expect(throws: TransportError.temporary("the SMS webhook answered 500: internal error")) {
            try await Self.send(fake, OutgoingSMS(to: "+15005550500", from: nil, body: "Hej", reference: "msg_2"))
        }
    }

    /// Signatures computed with python: `hmac.new(b"fake-provider-secret-1", body, hashlib.sha256).hexdigest()`.
    static func read(_ body: String, signature: String?) throws -> SMSCallback {
        try SMSCallbacks.read(
            provider: "webhook", settings: SMSSettings(provider: "webhook", url: "https://gw.example/send", secret: SMSProviderFake.secret),
            request: SMSCallbackRequest(
                method: "POST", url: callbackURL, headers: signature.map { ["X-Parley-Signature": $0] } ?? [:], body: Array(body.utf8)))
    }

    static let failed = #"{"type":"delivery","reference":"msg_4GqT0xk","id":"gw-77","status":"failed","error":"absent subscriber"}"#
    static let failedSignature = "sha256=59bc65712f9ac684fd673755a85615557d471c54f87713600d3dc57116184a51"

    @Test("signed callbacks: a delivery report and an incoming text")
    func callbacks() throws {
        #expect(
            try Self.read(Self.failed, signature: Self.failedSignature)
                == .delivery(SMSDeliveryReport(reference: "msg_4GqT0xk", providerMessageID: "gw-77", outcome: .failed("absent subscriber")))
        )
        let inbound = #"{"type":"inbound","from":"+306912345678","to":"+302101234567","body":"Ευχαριστώ!","id":"gw-78"}"#
        #expect(
            try Self.read(inbound, signature: "sha256=175afe7289d7f798758ba0dbc06736dab010d1ec1fa1acc6c1581e5bf07db48a")
                == .inbound(InboundSMS(from: "+306912345678", to: "+302101234567", body: "Ευχαριστώ!", providerMessageID: "gw-78")))
    }

    @Test("an unsigned, mis-signed or altered callback is unverified")
    func forgeries() {
        let altered = Self.failed.replacingOccurrences(of: "failed", with: "delivered")
        let signature = Self.failedSignature
        for (body, header) in [
            (Self.failed, nil), (Self.failed, String(signature.dropFirst(7))), (Self.failed, signature.uppercased()), (altered, signature),
        ] {
            let error = #expect(throws: SMSCallbackRejected.self) { try Self.read(body, signature: header) }
            #expect(error?.reason == .unverified)
        }
    }
}
