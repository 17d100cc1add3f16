import Foundation
import ParleyCore

/// The generic webhook's callbacks: `POST` of JSON signed like Parley's own requests
/// (`X-Parley-Signature: sha256=<hex HMAC-SHA256(secret, body)>`), either
/// `{"type": "delivery", "reference", "id", "status": "sent|delivered|failed", "error"}` or
/// `{"type": "inbound", "from", "to", "body", "id"}`.
extension WebhookSMS {
    static func read(_ request: SMSCallbackRequest, secret: String) throws(SMSCallbackRejected) -> SMSCallback {
        guard let header = request.headers[signatureHeader.lowercased()], header.hasPrefix("sha256="),
            SMSSignature.isValidHexSHA256(String(header.dropFirst("sha256=".count)), secret: secret, request.body)
        else { throw .unverified("the SMS webhook callback's \(signatureHeader) is missing or wrong") }
        guard let callback = try? JSONDecoder().decode(Callback.self, from: Data(request.body)) else {
            throw .unreadable("the SMS webhook callback is not a JSON object with a type")
        }
        switch (callback.type, callback.status) {
        case ("delivery", "sent"), ("delivery", "delivered"), ("delivery", "failed"):
            guard callback.reference != nil || callback.id != nil else { throw .unreadable("the delivery report names no reference or id") }
            let outcome: SMSDeliveryReport.Outcome =
                switch callback.status {
                case "sent": .sent
                case "delivered": .delivered
                default: .failed(callback.error ?? "failed")
                }
            return .delivery(SMSDeliveryReport(reference: callback.reference, providerMessageID: callback.id, outcome: outcome))
        case ("inbound", _):
            guard let from = callback.from, let to = callback.to, let body = callback.body else {
                throw .unreadable("the incoming text lacks from, to or body")
            }
            return .inbound(InboundSMS(from: from, to: to, body: body, providerMessageID: callback.id))
        default:
            throw .unreadable("unknown SMS webhook callback type \(callback.type) or status \(callback.status ?? "none")")
        }
    }

    private struct Callback: Decodable {
        let type: String
        let reference: String?
        let id: String?
        let status: String?
        let error: String?
        let from: String?
        let to: String?
        let body: String?
    }
}
