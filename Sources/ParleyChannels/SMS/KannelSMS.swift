import AsyncHTTPClient
import Foundation
import ParleyCore

/// Kannel's smsbox sendsms interface: `GET {sendsms URL}?username=…&password=…&from=…&to=…&text=…`
/// with `charset=UTF-8`, `coding=2` for text outside GSM-7, and a `dlr-url` for delivery reports.
///
/// Kannel answers `202 0: Accepted for delivery` (older versions `200 Sent.`), `403 Authorization
/// failed for sendsms`, or `3: Queued for later delivery` when its bearerbox is away.
struct KannelSMS: SMSTransport {
    /// Reports asked for: delivered (1), not delivered (2), taken by the SMSC (8), refused by the
    /// SMSC (16). Buffered (4) would only repeat "sent".
    static let reportMask = 1 | 2 | 8 | 16

    let sendsmsURL: String
    let username: String
    let password: String
    let from: String?
    let callbackURL: String
    let http: ProviderHTTP

    init(settings: SMSSettings, callbackURL: String, http: ProviderHTTP) throws(TransportError) {
        let values = try settings.required(\.url, \.username, \.secret)
        (sendsmsURL, username, password) = (values[0], values[1], values[2])
        from = settings.given(\.from)
        self.callbackURL = callbackURL
        self.http = http
    }

    func send(_ sms: OutgoingSMS) async throws -> SMSReceipt {
        var fields = [("username", username), ("password", password)]
        if let sender = sms.from ?? from { fields.append(("from", sender)) }
        fields += [("to", sms.to), ("text", sms.body), ("charset", "UTF-8")]
        // Without coding=2 Kannel squeezes the text into GSM-7, and every Greek or Hindi letter arrives as `?`.
        if SMSSegments(sms.body).encoding == .ucs2 { fields.append(("coding", "2")) }
        fields += [("dlr-mask", String(Self.reportMask)), ("dlr-url", reportURL(reference: sms.reference))]
        let answer = try await http.perform(HTTPClientRequest(url: FormEncoding.appending(fields, to: sendsmsURL)))
        let text = answer.body.trimmingCharacters(in: .whitespacesAndNewlines)
        // Queued: smsbox keeps the message until its bearerbox is back, so it is Kannel's to deliver now.
        guard (200..<300).contains(answer.status) || text.contains("Queued for later delivery") else {
            throw TransportError.refused(status: answer.status, "Kannel answered \(answer.status): \(text.prefix(200))")
        }
        return SMSReceipt(providerMessageID: nil, response: "\(answer.status) \(text)")
    }

    /// Where Kannel reports on one message. Kannel fills in `%d` (the report type) and `%A` (the
    /// SMSC's own words), and cannot sign its requests, so a token derived from the secret and the
    /// message's reference stands in: a report URL seen for one message cannot report on another,
    /// nor pass for a customer's text. References are URL-safe tokens, so no `%` of theirs can be
    /// mistaken for one of Kannel's.
    func reportURL(reference: String) -> String {
        FormEncoding.appending([("ref", reference), ("token", Self.reportToken(secret: password, reference: reference))], to: callbackURL)
            + "&status=%d&answer=%A"
    }

    /// The token in the URL of Kannel's `sms-service`, which hands over customers' texts only:
    /// hex HMAC-SHA256(password, "parley-kannel-callback").
    static func callbackToken(secret: String) -> String {
        SMSSignature.hexSHA256(secret: secret, tokenMessage)
    }

    /// The token in the delivery report URL of the message `reference`: hex HMAC-SHA256(password, "dlr:" + reference).
    static func reportToken(secret: String, reference: String) -> String {
        SMSSignature.hexSHA256(secret: secret, Array("dlr:\(reference)".utf8))
    }
}
