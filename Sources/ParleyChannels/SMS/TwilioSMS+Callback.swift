import Crypto
import Foundation
import ParleyCore

/// Twilio's status callbacks and incoming-message webhooks, form-encoded and signed with `X-Twilio-Signature`.
extension TwilioSMS {
    static func read(_ request: SMSCallbackRequest, authToken: String) throws(SMSCallbackRejected) -> SMSCallback {
        let posted = request.method == "POST" ? FormEncoding.decode(request.body) : []
        guard let signature = request.headers["x-twilio-signature"].flatMap({ Data(base64Encoded: $0) }),
            isSigned(signature, url: request.url, posted: posted, authToken: authToken)
        else { throw .unverified("the Twilio callback's X-Twilio-Signature is missing or wrong") }
        let fields = Dictionary(request.query + posted, uniquingKeysWith: { _, last in last })
        guard let sid = fields["MessageSid"] ?? fields["SmsSid"] else { throw .unreadable("the Twilio callback names no MessageSid") }
        // An incoming message comes with no status, or with `received`.
        guard let status = fields["MessageStatus"] ?? fields["SmsStatus"], status != "received" else {
            guard let from = fields["From"], let to = fields["To"] else {
                throw .unreadable("the incoming Twilio message has no From or To")
            }
            return .inbound(InboundSMS(from: from, to: to, body: fields["Body"] ?? "", providerMessageID: sid))
        }
        let outcome: SMSDeliveryReport.Outcome
        switch status {
        case "accepted", "scheduled", "queued", "sending", "sent":
            outcome = .sent
        case "delivered", "read":
            outcome = .delivered
        case "undelivered", "failed", "canceled":
            outcome = .failed(fields["ErrorCode"].map { "\(status): Twilio error \($0)" } ?? status)
        default:
            throw .unreadable("unknown Twilio MessageStatus \(status)")
        }
        return .delivery(SMSDeliveryReport(reference: fields["ref"], providerMessageID: sid, outcome: outcome))
    }

    /// Twilio's signature: HMAC-SHA1 with the auth token over the URL as Twilio called it followed by
    /// every POST field, sorted by name (then value), name and value run together.
    ///
    /// Twilio's helper libraries also accept the URL with its port dropped or the scheme's default
    /// port added, because Twilio has signed both ways; so does this.
    static func isSigned(_ signature: Data, url: String, posted: [(name: String, value: String)], authToken: String) -> Bool {
        let fields = Set(posted.map { [$0.name, $0.value] }).sorted { $0.lexicographicallyPrecedes($1) }.joined().joined()
        let key = SMSSignature.key(authToken)
        return urlsAsSigned(url).contains { url in
            HMAC<Insecure.SHA1>.isValidAuthenticationCode(signature, authenticating: Array((url + fields).utf8), using: key)
        }
    }

    private static func urlsAsSigned(_ url: String) -> [String] {
        guard var components = URLComponents(string: url) else { return [url] }
        let defaultPort = components.scheme?.lowercased() == "https" ? 443 : 80
        components.port = components.port == nil ? defaultPort : nil
        return [url] + [components.string].compactMap(\.self)
    }
}
