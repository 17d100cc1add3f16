import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import ParleyCore

/// Twilio's Messages API: `POST {base}/2010-04-01/Accounts/{AccountSid}/Messages.json` with HTTP
/// Basic auth (account SID, auth token) and the form fields `To`, `From`, `Body` and `StatusCallback`.
///
/// Twilio answers 201 with the message's `sid`, or an error such as
/// `{"code": 21211, "message": "The 'To' number … is not a valid phone number.", "status": 400}`.
struct TwilioSMS: SMSTransport {
    let messagesURL: String
    let accountSID: String
    let authToken: String
    let from: String
    let callbackURL: String
    let http: ProviderHTTP

    init(settings: SMSSettings, callbackURL: String, http: ProviderHTTP) throws(TransportError) {
        let values = try settings.required(\.username, \.secret, \.from)
        (accountSID, authToken, from) = (values[0], values[1], values[2])
        var base = settings.given(\.url) ?? "https://api.twilio.com"
        while base.hasSuffix("/") { base.removeLast() }
        messagesURL = base + "/2010-04-01/Accounts/\(FormEncoding.escape(accountSID))/Messages.json"
        self.callbackURL = callbackURL
        self.http = http
    }

    func send(_ sms: OutgoingSMS) async throws -> SMSReceipt {
        let sender = sms.from ?? from
        // The reference rides in the callback URL (which Twilio signs), so a status that overtakes the
        // recording of the sid still finds its message.
        let statusCallback = FormEncoding.appending([("ref", sms.reference)], to: callbackURL)
        let form = FormEncoding.encode([
            ("To", sms.to), (Self.isMessagingService(sender) ? "MessagingServiceSid" : "From", sender), ("Body", sms.body),
            ("StatusCallback", statusCallback),
        ])
        var request = HTTPClientRequest(url: messagesURL)
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Basic " + Data("\(accountSID):\(authToken)".utf8).base64EncodedString())
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Accept", value: "application/json")
        request.body = .bytes(ByteBuffer(string: form))
        let answer = try await http.perform(request)
        guard (200..<300).contains(answer.status) else {
            throw TransportError.refused(status: answer.status, Self.describeError(answer))
        }
        guard let message = try? JSONDecoder().decode(Message.self, from: Data(answer.body.utf8)) else {
            throw TransportError.temporary("Twilio answered \(answer.status) without a message sid: \(answer.body.prefix(200))")
        }
        return SMSReceipt(providerMessageID: message.sid, response: "\(answer.status) \(message.status ?? "accepted")")
    }

    /// A Messaging Service (`MG` and 32 hex digits) picks the sender itself from its pool.
    static func isMessagingService(_ sender: String) -> Bool {
        sender.hasPrefix("MG") && sender.count == 34
    }

    private static func describeError(_ answer: ProviderHTTP.Answer) -> String {
        guard let error = try? JSONDecoder().decode(APIError.self, from: Data(answer.body.utf8)) else {
            return "Twilio answered \(answer.status): \(answer.body.prefix(200))"
        }
        return "Twilio error \(error.code.map(String.init) ?? "without a code") (HTTP \(answer.status)): \(error.message)"
    }

    private struct Message: Decodable {
        let sid: String
        let status: String?
    }

    private struct APIError: Decodable {
        let code: Int?
        let message: String
    }
}
