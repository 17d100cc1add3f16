import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import ParleyCore

/// A gateway of the shop's own behind one URL: `POST` of
/// `{"to", "from", "body", "reference", "status_callback"}` as JSON, signed with
/// `X-Parley-Signature: sha256=<hex HMAC-SHA256(secret, body)>`.
///
/// Any 2xx takes the message; an optional `{"id": "…"}` in the answer names it. Other 4xx refuse it
/// for good; 429 and 5xx ask for another try.
struct WebhookSMS: SMSTransport {
    let url: String
    let secret: String
    let from: String?
    let callbackURL: String
    let http: ProviderHTTP

    init(settings: SMSSettings, callbackURL: String, http: ProviderHTTP) throws(TransportError) {
        let values = try settings.required(\.url, \.secret)
        (url, secret) = (values[0], values[1])
        from = settings.given(\.from)
        self.callbackURL = callbackURL
        self.http = http
    }

    func send(_ sms: OutgoingSMS) async throws -> SMSReceipt {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = try encoder.encode(
            Request(to: sms.to, from: sms.from ?? from, body: sms.body, reference: sms.reference, statusCallback: callbackURL))
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: WebhookSMS.signatureHeader, value: "sha256=" + SMSSignature.hexSHA256(secret: secret, body))
        request.body = .bytes(ByteBuffer(bytes: body))
        let answer = try await http.perform(request)
        guard (200..<300).contains(answer.status) else {
            throw TransportError.refused(status: answer.status, "the SMS webhook answered \(answer.status): \(answer.body.prefix(200))")
        }
        let id = (try? JSONDecoder().decode(Answer.self, from: Data(answer.body.utf8)))?.id
        return SMSReceipt(providerMessageID: id, response: "\(answer.status) \(answer.body.prefix(200))")
    }

    static let signatureHeader = "X-Parley-Signature"

    private struct Request: Encodable {
        let to: String
        let from: String?
        let body: String
        let reference: String
        let statusCallback: String

        enum CodingKeys: String, CodingKey {
            case to, from, body, reference
            case statusCallback = "status_callback"
        }
    }

    private struct Answer: Decodable {
        let id: String?
    }
}
